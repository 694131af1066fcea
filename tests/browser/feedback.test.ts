import request from 'supertest';
import { as } from '../api/support';
import { browserSession, expectAccessible, openChecked } from './support';

/** A citizen's feedback case on the pages, in Debian's chromium: filed, answered by the desk, rated. */
const web = browserSession();

test('a case filed on the page shows its codes once; the citizen follows it to the answer and rates it', async () => {
  const page = await web.browser.page(390);
  await openChecked(page, `${web.origin}/`);
  await page.getByRole('link', { name: 'Gửi phản ánh, kiến nghị' }).click();
  await page.locator('#content').waitFor();
  await openChecked(page, `${web.origin}/phan-anh`);
  await page.getByLabel('Loại phản ánh').selectOption('handling');
  await page.getByLabel('Tiêu đề').fill('Chậm trả kết quả');
  await page.getByLabel('Nội dung').fill('<script>document.title="x"</script> Hồ sơ trễ hẹn hai ngày.');
  await page.getByLabel('Họ và tên').fill('Trần Thị Bình');
  await page.getByLabel('Số điện thoại').fill('0912345678');
  await page.getByLabel('Tôi đồng ý để câu trả lời được công khai').check();
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe('Đã gửi phản ánh');
  const code = await page.locator('.receipt-codes dd strong').first().innerText();
  const accessCode = await page.locator('.access-code').innerText();
  expect(code).toMatch(/^PAKN-/);
  expect(accessCode.length).toBeGreaterThan(4);
  await expectAccessible(page);

  // The desk sees the citizen's words as they were typed, and answers through the API.
  const staff = await as(web.stack, 'centre.receiver').get(`/feedback/${code}`);
  expect(staff.text).toContain('<script>document.title=\\"x\\"</script> Hồ sơ trễ hẹn hai ngày.');
  expect(
    (await as(web.stack, 'centre.receiver').post(`/feedback/${code}/assign`, { agency: 'land' })).status,
  ).toBe(200);
  const answered = await as(web.stack, 'land.specialist').post(`/feedback/${code}/answer`, {
    answer: 'Hồ sơ đã được trả kết quả; xin lỗi Ông/Bà vì sự chậm trễ.',
  });
  expect(answered.status).toBe(200);

  // The follow link with the code in its fragment opens the case at once, as the receipt's QR does.
  await page.goto(`${web.origin}/phan-anh/${code}#ma=${accessCode}`);
  await page.locator('#tra-loi').waitFor();
  expect(page.url()).toBe(`${web.origin}/phan-anh/${code}`);
  expect(await page.locator('main').innerText()).toContain('xin lỗi Ông/Bà vì sự chậm trễ');
  expect(await page.title()).not.toBe('x');
  await expectAccessible(page);
  await page.getByLabel('Hài lòng', { exact: true }).check();
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await page.getByText('Cảm ơn Ông/Bà đã cho biết ý kiến').waitFor();
  expect(await page.locator('main').innerText()).toContain('Ông/Bà đã đánh giá: Hài lòng');
  await expectAccessible(page);
  await page.close();
});

test('a wrong access code answers as an unknown case does; repeated wrong tries are answered 429', async () => {
  const filed = await request(web.stack.app).post('/phan-anh').type('form').send({
    category: 'other',
    subject: 'Góp ý',
    content: 'Nên có thêm chỗ ngồi chờ.',
    fullName: 'Lê Văn Cường',
    email: 'cuong@example.vn',
  });
  expect(filed.status).toBe(201);
  const code = /PAKN-\d{6}-\d+/.exec(filed.text)?.[0] ?? '';
  const wrong = await postCode(code, 'AAAAAAAA');
  const unknown = await postCode('PAKN-200101-9999', 'AAAAAAAA');
  expect([wrong.status, unknown.status]).toEqual([403, 403]);
  expect(wrong.text.replaceAll(code, 'X')).toBe(unknown.text.replaceAll('PAKN-200101-9999', 'X'));
  for (let i = 0; i < 4; i++) await postCode(code, 'BBBBBBBB');
  const locked = await postCode(code, 'BBBBBBBB');
  expect(locked.status).toBe(429);
  expect(locked.text).toContain('nhập sai quá nhiều lần');
});

function postCode(code: string, accessCode: string) {
  return request(web.stack.app).post(`/phan-anh/${code}`).type('form').send({ accessCode });
}
