import type { Page } from 'playwright-core';
import { z } from 'zod';
import { APPLICANT, as, bodyOf, DEMO } from '../api/support';
import { accessibilityViolations, scrollsSideways } from '../harness/browser';
import { browserSession, bytesOf, openChecked } from './support';

/** Online submission and supplement with files, in Debian's chromium: the clerk gets the same bytes. */
const web = browserSession();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SCAN = Buffer.concat([PDF, Buffer.from('% bản vẽ bổ sung\n')]);

/** What every page owes after a form posted to it (openChecked covers pages reached by address). */
async function expectAccessible(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
}

async function submitOnline(page: Page): Promise<{ code: string; accessCode: string }> {
  expect((await openChecked(page, `${web.origin}/nop-truc-tuyen/${DEMO}`)).status).toBe(200);
  await page.getByLabel('Họ và tên').fill(APPLICANT.fullName);
  await page.getByLabel('Số CCCD hoặc hộ chiếu').fill(APPLICANT.idNumber);
  await page.getByLabel('Số điện thoại').fill(APPLICANT.phone);
  await page.locator('#tep-0').setInputFiles({ name: 'don.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByLabel(/Tôi cam đoan/).check();
  await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
  await page.waitForURL(`${web.origin}/nop-truc-tuyen/${DEMO}`);
  await expect(page.locator('h1').textContent()).resolves.toBe('Đã nộp hồ sơ');
  await expectAccessible(page);
  const codes = page.locator('.receipt-codes dd strong');
  return {
    code: (await codes.nth(0).textContent()) ?? '',
    accessCode: (await codes.nth(1).textContent()) ?? '',
  };
}

test('a citizen submits online with a file; the answer shows the codes once; the clerk downloads the same bytes', async () => {
  const page = await web.browser.page(390);
  const { code, accessCode } = await submitOnline(page);
  expect(accessCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  const file = await bytesOf(web.stack, `/api/v1/dossiers/${code}/documents/0/file`, 'centre.receiver');
  expect({ status: file.status, type: file.type }).toEqual({ status: 200, type: 'application/pdf' });
  expect(file.body.equals(PDF)).toBe(true);
  // The tracking page never shows the access code again.
  await openChecked(page, `${web.origin}/tra-cuu/${code}`);
  expect(await page.content()).not.toContain(accessCode);
  await page.close();
});

test('a text named .pdf is refused on the form in Vietnamese, and the typed fields stay', async () => {
  const page = await web.browser.page(390);
  await openChecked(page, `${web.origin}/nop-truc-tuyen/${DEMO}`);
  await page.getByLabel('Họ và tên').fill(APPLICANT.fullName);
  await page.getByLabel('Số CCCD hoặc hộ chiếu').fill(APPLICANT.idNumber);
  await page.getByLabel('Thư điện tử').fill(APPLICANT.email);
  const text = Buffer.from('không phải PDF');
  await page.locator('#tep-0').setInputFiles({ name: 'don.pdf', mimeType: 'application/pdf', buffer: text });
  await page.getByLabel(/Tôi cam đoan/).check();
  await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
  await expect(page.locator('.problems').innerText()).resolves.toContain('không phải là PDF, JPEG hoặc PNG');
  await expect(page.getByLabel('Họ và tên').inputValue()).resolves.toBe(APPLICANT.fullName);
  await expectAccessible(page);
  await page.close();
});

test('asked for a document, the citizen sends it with the access code; a wrong code is refused', async () => {
  const page = await web.browser.page(390);
  const { code, accessCode } = await submitOnline(page);
  const asked = await as(web.stack, 'centre.receiver').post(`/dossiers/${code}/request-completion`, {
    reason: 'Thiếu bản vẽ',
    missingDocuments: ['Bản vẽ hiện trạng'],
  });
  expect(asked.status).toBe(200);
  const before = bodyOf(
    await as(web.stack).get(`/public/dossiers/${code}`),
    z.object({ documents: z.array(z.object({ digitised: z.boolean() })) }),
  ).documents.length;

  await openChecked(page, `${web.origin}/bo-sung/${code}`);
  await expect(page.locator('main').innerText()).resolves.toContain('Bản vẽ hiện trạng');
  await page
    .getByLabel('Bản vẽ hiện trạng')
    .setInputFiles({ name: 'ban-ve.pdf', mimeType: 'application/pdf', buffer: SCAN });
  await page.getByLabel('Mã truy cập').fill('WRONG234');
  await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await expect(page.locator('.problems').innerText()).resolves.toContain('Mã truy cập không đúng');
  await expectAccessible(page);

  await page
    .getByLabel('Bản vẽ hiện trạng')
    .setInputFiles({ name: 'ban-ve.pdf', mimeType: 'application/pdf', buffer: SCAN });
  await page.getByLabel('Mã truy cập').fill(accessCode);
  await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await page.waitForURL(`${web.origin}/tra-cuu/${code}`);
  const file = await bytesOf(
    web.stack,
    `/api/v1/dossiers/${code}/documents/${before}/file`,
    'centre.receiver',
  );
  expect(file.body.equals(SCAN)).toBe(true);
  await page.close();
});
