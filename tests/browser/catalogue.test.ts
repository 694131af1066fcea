import { z } from 'zod';
import { as, bodyOf, DEMO } from '../api/support';
import { qrOfPdf } from '../harness/browser';
import { browserSession, bytesOf, openChecked } from './support';

/** The published catalogue: the home page, each procedure's page, and its A4 sheet for the counter wall. */
const web = browserSession();

/** What the procedure page must show of the catalogue entry. */
const PublishedProcedure = z.object({
  name: z.string(),
  deadlineText: z.string(),
  documents: z.array(z.object({ name: z.string() })),
  legalBasis: z.array(z.string()),
});

test('the home page lists every procedure and leads to its page', async () => {
  const page = await web.browser.page(390);
  await openChecked(page, `${web.origin}/`);
  const total = (await bytesOf(web.stack, '/api/v1/public/procedures?pageSize=100')).body;
  const { items } = JSON.parse(total.toString()) as { items: { code: string; name: string }[] };
  expect(await page.locator('.card').count()).toBe(items.length);
  const demo = items.find((p) => p.code === DEMO)!;
  await page.getByRole('link', { name: demo.name }).click();
  await page.waitForURL(`${web.origin}/thu-tuc/${DEMO}`);
  await page.close();
});

test('a procedure page shows documents, fees, deadline, agencies, legal basis and online level', async () => {
  const procedure = bodyOf(await as(web.stack).get(`/public/procedures/${DEMO}`), PublishedProcedure);
  for (const width of [390, 1280]) {
    const page = await web.browser.page(width);
    expect((await openChecked(page, `${web.origin}/thu-tuc/${DEMO}`)).status).toBe(200);
    const text = await page.locator('main').innerText();
    expect(text).toContain(procedure.name);
    expect(text).toContain(procedure.deadlineText);
    for (const d of procedure.documents) expect(text).toContain(d.name);
    for (const l of procedure.legalBasis) expect(text).toContain(l);
    expect(text).toContain('10.000 đồng');
    expect(text).toMatch(/Dịch vụ công trực tuyến (toàn trình|một phần)/);
    expect(await page.locator('svg.qr').count()).toBe(1);
    await page.close();
  }
});

test('the A4 sheet of a procedure carries the QR code of its page', async () => {
  const sheet = await bytesOf(web.stack, `/thu-tuc/${DEMO}/to-niem-yet.pdf`);
  expect(sheet.status).toBe(200);
  expect(sheet.type).toBe('application/pdf');
  expect(new URL(qrOfPdf(sheet.body)).pathname).toBe(`/thu-tuc/${DEMO}`);
});

test('an unknown procedure answers the friendly page', async () => {
  const page = await web.browser.page(390);
  expect((await openChecked(page, `${web.origin}/thu-tuc/9.999999`)).status).toBe(404);
  expect(await page.locator('main').innerText()).toContain('9.999999');
  await page.close();
});
