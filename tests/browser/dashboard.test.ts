import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import { PERIOD, seedIndicatorPeriod } from '../indicators/seed';
import { browserSession, openChecked } from './support';

/** The leaders' dashboard in Debian's chromium: sign-in, the figures of a seeded period, the export. */
const web = browserSession();
beforeAll(() => seedIndicatorPeriod(web.stack.db));

const DASHBOARD = `/quan-ly?from=${PERIOD.from}&to=${PERIOD.to}`;

async function signIn(page: Page, username: string): Promise<void> {
  // One browser profile for the file: start each user from no session.
  await page.context().clearCookies();
  await openChecked(page, `${web.origin}${DASHBOARD}`);
  // Not signed in: the dashboard sends the browser to the form.
  expect(new URL(page.url()).pathname).toBe('/quan-ly/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${web.origin}/quan-ly`);
}

test('a leader signs in and sees the figures of their agency, with charts, and exports them to Excel', async () => {
  const page = await web.browser.page(390);
  await signIn(page, 'land.leader');
  const cookie = (await page.context().cookies()).find((c) => c.name === 'motcua_staff')!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/quan-ly' });

  expect((await openChecked(page, `${web.origin}${DASHBOARD}`)).status).toBe(200);
  const text = await page.locator('main').innerText();
  // The land agency's share of the seeded period (tests/indicators/seed.ts): A on time, I open and late.
  expect(text).toContain('hồ sơ tiếp nhận từ 01/11/2025 đến 30/11/2025');
  const labels = await page.locator('.counts dt').allInnerTexts();
  const values = await page.locator('.counts dd').allInnerTexts();
  const counts = Object.fromEntries(labels.map((label, i) => [label, values[i]]));
  expect(counts).toMatchObject({
    'Tiếp nhận trong kỳ': '2',
    'Đã giải quyết': '1',
    'Giải quyết trước hạn, đúng hạn': '1',
    'Đang giải quyết, đã quá hạn': '1',
  });
  const row21 = page.locator('table.figures tr', { hasText: '2.1 ' });
  await expect(row21.innerText()).resolves.toMatch(/50\s*%.*1 \/ 2.*10\b.*20/s);
  // A leader has no agency chooser: their own agency only.
  expect(await page.locator('select#agency').count()).toBe(0);
  // Chart.js drew the points and the monthly trend from the tables, under the page's CSP.
  await page.waitForFunction('document.querySelectorAll(".chart canvas").length === 2');
  expect(await page.locator('.chart canvas[role="img"]').count()).toBe(2);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Excel (XLSX)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`indicators-land-${PERIOD.from}-${PERIOD.to}.xlsx`);
  const workbook = new Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.worksheets[0];
  const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
  const received = rows.find((r) => r[1] === 'dossiers' && r[2] === 'received')!;
  expect(received[6]).toBe(2);
  const onTime = rows.find((r) => r[1] === 'indicators' && r[2] === '2.1')!;
  expect(onTime.slice(4, 7)).toEqual([1, 2, 0.5]);

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL(`${web.origin}/quan-ly/dang-nhap`);
  await page.goto(`${web.origin}${DASHBOARD}`);
  expect(new URL(page.url()).pathname).toBe('/quan-ly/dang-nhap');
  await page.close();
});

test('an admin chooses the agency; a specialist is refused; a wrong password is told', async () => {
  const page = await web.browser.page(1280);
  await signIn(page, 'admin');
  expect((await openChecked(page, `${web.origin}${DASHBOARD}`)).status).toBe(200);
  await page.locator('select#agency').selectOption('commune');
  await page.getByRole('button', { name: 'Xem' }).click();
  await page.waitForURL(/agency=commune/);
  expect(await page.locator('.counts > div').first().innerText()).toContain('1');
  await page.close();

  const specialist = await web.browser.page(390);
  await signIn(specialist, 'land.specialist');
  expect((await openChecked(specialist, `${web.origin}${DASHBOARD}`)).status).toBe(403);
  expect(await specialist.locator('main').innerText()).toContain('Bảng chỉ tiêu dành cho lãnh đạo');
  await specialist.close();

  const wrong = await web.browser.page(390);
  await openChecked(wrong, `${web.origin}/quan-ly/dang-nhap`);
  await wrong.getByLabel('Tên đăng nhập').fill('land.leader');
  await wrong.getByLabel('Mật khẩu').fill('not the password');
  await wrong.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(wrong.getByRole('alert').innerText()).resolves.toContain('không đúng');
  await wrong.close();
});
