import { PublicDossierSchema } from '../../api/schemas';
import {
  APPLICANT,
  as,
  bodyOf,
  DEMO,
  eventually,
  HOUSEHOLD,
  lastWorkingMorning,
  receive,
} from '../api/support';
import { qrOfPdf } from '../harness/browser';
import { browserSession, bytesOf, openChecked } from './support';

/** The citizen's journey from the paper receipt to the tracking page, in Debian's chromium. */
const web = browserSession();

test('the QR code on the receipt opens the tracking page, which shows the status', async () => {
  const code = await receive(web.stack, DEMO);
  const receipt = await bytesOf(web.stack, `/api/v1/dossiers/${code}/forms/receipt`, 'centre.receiver');
  expect(receipt.status).toBe(200);
  const url = new URL(qrOfPdf(receipt.body));
  expect(url.pathname).toBe(`/tra-cuu/${code}`);

  const page = await web.browser.page(390);
  expect((await openChecked(page, `${web.origin}${url.pathname}`)).status).toBe(200);
  const tracking = await publicDossier(code);
  await expect(page.locator('.status').textContent()).resolves.toBe(`Tình trạng: ${tracking.status.label}`);
  const text = await page.locator('main').innerText();
  expect(text).toContain(tracking.procedure.name);
  expect(text).toContain(tracking.applicantName);
  // Personal data stays off the public page, as off the JSON view.
  for (const secret of [APPLICANT.fullName, APPLICANT.idNumber, APPLICANT.phone, APPLICANT.email]) {
    expect(await page.content()).not.toContain(secret);
  }
  // The timeline: every step, its agency, and its dates once it started.
  expect(await page.locator('.timeline > li').count()).toBe(tracking.steps.length);
  expect(text).toContain('Hẹn trả kết quả');
  // The page's own QR code is markup, not a script.
  expect(await page.locator('svg.qr').count()).toBe(1);
  await page.close();
});

test('a citizen types the code on the home page, with the keyboard, and reaches the dossier', async () => {
  const code = await receive(web.stack, DEMO);
  const page = await web.browser.page(1280);
  await openChecked(page, `${web.origin}/`);
  await page.getByLabel('Mã hồ sơ').fill(`  ${code} `);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${web.origin}/tra-cuu/${code}`);
  await expect(page.locator('h1').textContent()).resolves.toContain(code);
  await page.close();
});

test('what a citizen wrote is shown as text, never run', async () => {
  const code = await receive(web.stack, DEMO, {
    applicant: { ...APPLICANT, fullName: '<script>document.title="x"</script> Nguyễn An' },
  });
  const page = await web.browser.page(390);
  await openChecked(page, `${web.origin}/tra-cuu/${code}`);
  expect(await page.locator('main').innerText()).toContain('<script>document.title="x"</script>');
  // The one script is the site's own file, never markup a citizen sent.
  expect(await page.evaluate('[...document.scripts].map((s) => new URL(s.src).pathname)')).toEqual([
    '/assets/access-code.js',
  ]);
  expect(await page.title()).toBe(`Hồ sơ ${code} · Bộ phận Một cửa`);
  await page.close();
});

/** The public JSON view of a dossier. */
async function publicDossier(code: string) {
  return bodyOf(await as(web.stack).get(`/public/dossiers/${code}`), PublicDossierSchema);
}

/** The public JSON view once the read model shows the status. */
async function trackedAs(code: string, key: string) {
  return eventually(async () => {
    const body = await publicDossier(code);
    if (body.status.key !== key) throw new Error(`still ${body.status.key}`);
    return body;
  });
}

test('the page says which documents the citizen must bring when a supplement is asked for', async () => {
  const code = await receive(web.stack, DEMO);
  const documents = ['Bản vẽ hiện trạng <nhà ở>', 'Giấy ủy quyền'];
  const res = await as(web.stack, 'justice.specialist').post(`/dossiers/${code}/request-supplement`, {
    reason: 'Thiếu bản vẽ',
    documents,
  });
  expect(res.status).toBe(200);
  const tracking = await trackedAs(code, 'awaiting_supplement');
  const page = await web.browser.page(390);
  await openChecked(page, `${web.origin}/tra-cuu/${code}`);
  expect(await page.locator('.status').innerText()).toContain(tracking.status.label);
  expect(await page.locator('.next li').allInnerTexts()).toEqual(documents);
  await page.close();
});

test('an extension is shown plainly, with the apology and both dates', async () => {
  const code = await receive(web.stack, HOUSEHOLD, { receivedAt: lastWorkingMorning().toISOString() });
  const newDueAt = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const res = await as(web.stack, 'commune.leader').post(`/dossiers/${code}/extend`, {
    reason: 'Xác minh',
    newDueAt,
  });
  expect(res.status).toBe(200);
  await eventually(async () => {
    const body = await publicDossier(code);
    if (body.originalDueAt === null || body.originalDueAt === body.dueAt)
      throw new Error('not projected yet');
  });
  const page = await web.browser.page(390);
  await openChecked(page, `${web.origin}/tra-cuu/${code}`);
  const notice = await page.locator('.notice').innerText();
  expect(notice).toContain('Hồ sơ được gia hạn');
  expect(notice).toContain('xin lỗi');
  // Both dates as the desk's return session (H2), not the legal end of the day.
  expect(notice).toMatch(
    /Ngày hẹn cũ: từ \d\d giờ \d\d phút đến \d\d giờ \d\d phút, ngày \d\d\/\d\d\/\d{4}; ngày hẹn mới: từ \d\d giờ/,
  );
  await page.close();
});

test('an unknown code answers a friendly page in the same look, with the lookup form', async () => {
  const page = await web.browser.page(390);
  const { status } = await openChecked(page, `${web.origin}/tra-cuu/000.00.01.H56-200101-9999`);
  expect(status).toBe(404);
  await expect(page.locator('h1').textContent()).resolves.toBe('Không tìm thấy');
  expect(await page.getByLabel('Mã hồ sơ').isVisible()).toBe(true);
  await page.close();
});
