import request from 'supertest';
import { as, DEMO, receipt } from '../api/support';
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

test('asked for more, the citizen adds it once on the page; the published answer is listed under the form', async () => {
  const { code, accessCode } = await filed();
  const desk = as(web.stack, 'centre.receiver');
  expect(
    (await desk.post(`/feedback/${code}/request-supplement`, { reason: 'Xin cho biết mã hồ sơ.' })).status,
  ).toBe(200);

  const page = await web.browser.page(390);
  await page.goto(`${web.origin}/phan-anh/${code}#ma=${accessCode}`);
  await page.getByText('Xin cho biết mã hồ sơ.').waitFor();
  await expectAccessible(page);
  await page.getByLabel('Thông tin bổ sung').fill('Mã hồ sơ 000.00.01.H56-261127-0001');
  await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await page.getByText('Đã gửi thông tin bổ sung.').waitFor();
  expect(await page.getByRole('button', { name: 'Gửi bổ sung' }).count()).toBe(0);
  const staff = await desk.get(`/feedback/${code}`);
  expect(staff.text).toContain('Mã hồ sơ 000.00.01.H56-261127-0001');

  await desk.post(`/feedback/${code}/assign`, { agency: 'land' });
  await as(web.stack, 'land.leader').post(`/feedback/${code}/answer`, { answer: 'Đã bố trí thêm ghế chờ.' });
  expect((await desk.post(`/feedback/${code}/publish`)).status).toBe(200);
  await openChecked(page, `${web.origin}/phan-anh`);
  expect(await page.locator('#cong-khai + ul').innerText()).toContain('Đã bố trí thêm ghế chờ.');
  await page.close();
});

test('a wrong access code answers as an unknown case does; repeated wrong tries are answered 429', async () => {
  const { code } = await filed();
  const wrong = await postCode(code, 'AAAAAAAA');
  const unknown = await postCode('PAKN-200101-9999', 'AAAAAAAA');
  expect([wrong.status, unknown.status]).toEqual([403, 403]);
  expect(wrong.text.replaceAll(code, 'X')).toBe(unknown.text.replaceAll('PAKN-200101-9999', 'X'));
  for (let i = 0; i < 4; i++) await postCode(code, 'BBBBBBBB');
  const locked = await postCode(code, 'BBBBBBBB');
  expect(locked.status).toBe(429);
  expect(locked.text).toContain('nhập sai quá nhiều lần');
});

test('a case about a dossier is filed only with that dossier’s access code', async () => {
  const dossier = await receipt(web.stack, DEMO);
  const about = (dossierAccessCode: string) =>
    request(web.stack.app).post('/phan-anh').type('form').send({
      category: 'handling',
      subject: 'Về hồ sơ của tôi',
      content: 'Xin cho biết vì sao hồ sơ chưa được chuyển.',
      fullName: 'Nguyễn Văn An',
      phone: '0912345678',
      dossierCode: dossier.code,
      dossierAccessCode,
    });
  const refused = await about('ZZZZZZZZ');
  expect(refused.status).toBe(403);
  expect(refused.text).toContain('mã truy cập của hồ sơ đó không đúng');
  // The form comes back as it was filled, never with the code typed.
  expect(refused.text).toContain('Xin cho biết vì sao hồ sơ chưa được chuyển.');
  expect(refused.text).not.toContain('ZZZZZZZZ');
  const accepted = await about(dossier.accessCode);
  expect(accepted.status).toBe(201);
  const code = /PAKN-\d{6}-\d+/.exec(accepted.text)?.[0] ?? '';
  const staff = await as(web.stack, 'centre.receiver').get(`/feedback/${code}`);
  expect(staff.text).toContain(dossier.code);
});

function postCode(code: string, accessCode: string) {
  return request(web.stack.app).post(`/phan-anh/${code}`).type('form').send({ accessCode });
}

/** A case filed by posting the page's form, consenting to publish; its codes read off the answer page. */
async function filed() {
  const res = await request(web.stack.app).post('/phan-anh').type('form').send({
    category: 'other',
    subject: 'Góp ý',
    content: 'Nên có thêm chỗ ngồi chờ.',
    fullName: 'Lê Văn Cường',
    email: 'cuong@example.vn',
    consentToPublish: 'yes',
  });
  expect(res.status).toBe(201);
  const code = /PAKN-\d{6}-\d+/.exec(res.text)?.[0] ?? '';
  const accessCode = /class="access-code">([^<]+)</.exec(res.text)?.[1] ?? '';
  return { code, accessCode };
}
