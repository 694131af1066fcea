import request from 'supertest';
import { RATING_ITEM_LABEL } from '../../api/site/labels';
import { qrOfPdf } from '../harness/browser';
import { APPLICANT, as, DEMO, errorOf, holder, receipt } from '../api/support';
import { browserSession, bytesOf, expectAccessible, openChecked } from './support';

/** The holder of the receipt, with its access code, in Debian's chromium: their own name, and the rating. */
const web = browserSession();

const UNKNOWN = '000.00.01.H56-200101-9997';

/** Received at the counter; the receipt printed then, with the code the reception answered. */
async function receivedWithReceipt(extra = {}) {
  const received = await receipt(web.stack, DEMO, extra);
  const pdf = await bytesOf(web.stack, `/api/v1/dossiers/${received.code}/forms/receipt`, 'centre.receiver', {
    'X-Access-Code': received.accessCode,
  });
  expect(pdf.status).toBe(200);
  return { ...received, qr: new URL(qrOfPdf(pdf.body)) };
}

test('the receipt QR opens the tracking page as its holder: the status, their own name, never the code in the address', async () => {
  const { code, accessCode, qr } = await receivedWithReceipt({
    applicant: { ...APPLICANT, fullName: '<script>document.title="x"</script> Nguyễn Văn An' },
  });
  expect(qr.pathname).toBe(`/tra-cuu/${code}`);
  expect(qr.hash).toBe(`#ma=${accessCode}`);
  // A reprint without the code has neither the code nor a QR that carries it.
  const reprint = await bytesOf(web.stack, `/api/v1/dossiers/${code}/forms/receipt`, 'centre.receiver');
  expect(new URL(qrOfPdf(reprint.body)).hash).toBe('');

  const page = await web.browser.page(390);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));
  await page.goto(`${web.origin}${qr.pathname}${qr.hash}`);
  await page.locator('#viec-lam').waitFor();
  await expectAccessible(page);
  expect(page.url()).toBe(`${web.origin}/tra-cuu/${code}`);
  const text = await page.locator('main').innerText();
  expect(text).toContain('<script>document.title="x"</script> Nguyễn Văn An');
  expect(text).toContain('Đang xử lý');
  expect(await page.title()).toBe(`Hồ sơ ${code} · Bộ phận Một cửa`);
  // The code went to the server once, in a POSTed body; no address the browser asked for holds it.
  const carrying = requests.filter((r) => r.includes(accessCode));
  expect(carrying).toEqual([`POST ${web.origin}/tra-cuu/${code} accessCode=${accessCode}`]);
  // The page's own QR stays the public one.
  expect(await page.locator('svg.qr').count()).toBe(1);
  await page.close();
});

test('after the return the holder rates once, on the page, through the service of the rating endpoint', async () => {
  const { code, accessCode } = await receivedWithReceipt();
  await returned(code);

  const page = await web.browser.page(390);
  await openChecked(page, `${web.origin}/tra-cuu/${code}/danh-gia#ma=${accessCode}`);
  await expect(page.getByLabel('Mã truy cập').inputValue()).resolves.toBe(accessCode);
  expect(page.url()).toBe(`${web.origin}/tra-cuu/${code}/danh-gia`);
  await page
    .getByRole('group', { name: RATING_ITEM_LABEL.resultTime })
    .getByLabel('5 · Rất hài lòng')
    .check();
  await page.getByRole('group', { name: RATING_ITEM_LABEL.staffAttitude }).getByLabel('4 · Hài lòng').check();
  await page.getByLabel('Nhận xét, góp ý').fill('<script>alert(1)</script> Nhanh');
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe('Cảm ơn Ông/Bà đã đánh giá');
  await expectAccessible(page);

  // The same rule as the API: once only, whichever way the second comes.
  const again = await holder(web.stack, accessCode).post(`/public/dossiers/${code}/rating`, {
    scores: { resultTime: 1 },
  });
  expect(errorOf(again).code).toBe('ALREADY_RATED');
  const page2 = await request(web.stack.app)
    .post(`/tra-cuu/${code}/danh-gia`)
    .type('form')
    .send({ accessCode, 'score-resultTime': '1' });
  expect(page2.status).toBe(409);
  expect(page2.text).toContain('Hồ sơ này đã được đánh giá');
  await page.close();
});

test('a wrong access code is answered as an unknown dossier is, and repeated wrong tries are slowed for pages and API alike', async () => {
  const { code, accessCode } = await receivedWithReceipt();
  const page = await web.browser.page(390);
  await openChecked(page, `${web.origin}/tra-cuu/${code}`);
  await page.getByLabel('Mã truy cập').fill('AAAA-AAAA');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Mở hồ sơ' }).click(),
  ]);
  expect(response.status()).toBe(403);
  await page.waitForLoadState();
  await expectAccessible(page);
  const wrong = await page.locator('main .lead').innerText();
  const unknown = await postCode(UNKNOWN, accessCode);
  expect(unknown.status).toBe(403);
  expect(unknown.text).toContain(wrong);
  expect(await page.content()).not.toContain(APPLICANT.fullName);

  // Five wrong tries in all (page and API together) lock the dossier, even for the right code.
  for (let i = 0; i < 3; i++) expect((await postCode(code, 'BBBBBBBB')).status).toBe(403);
  const api = await holder(web.stack, 'CCCCCCCC').post(`/public/dossiers/${code}/rating`, {
    scores: { resultTime: 1 },
  });
  expect(api.status).toBe(403);
  const locked = await postCode(code, accessCode);
  expect(locked.status).toBe(429);
  expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  expect(locked.text).toContain('nhập sai quá nhiều lần');
  const lockedApi = await holder(web.stack, accessCode).post(`/public/dossiers/${code}/rating`, {
    scores: { resultTime: 5 },
  });
  expect(lockedApi.status).toBe(429);
  await page.close();
});

function postCode(code: string, accessCode: string) {
  return request(web.stack.app).post(`/tra-cuu/${code}`).type('form').send({ accessCode });
}

/** The demo procedure's steps, through the API, up to the return of the result. */
async function returned(code: string) {
  const act = async (user: string, action: string, body = {}) => {
    const res = await as(web.stack, user).post(`/dossiers/${code}/${action}`, body);
    expect(res.status).toBe(200);
  };
  await act('justice.specialist', 'complete-step', { stepId: 'review' });
  await act('land.specialist', 'complete-step', { stepId: 'land-opinion' });
  await act('construction.specialist', 'complete-step', { stepId: 'construction-opinion' });
  await act('justice.leader', 'approve', {});
  await act('centre.receiver', 'return-result', { method: 'counter' });
}
