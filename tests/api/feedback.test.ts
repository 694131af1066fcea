/**
 * Feedback cases (phản ánh, kiến nghị) through the API on the real stack: taken on the hotline, routed,
 * answered, published and rated; the citizen's access code; a case about a dossier; the one request for
 * more and the one raising again.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { z } from 'zod';
import { startTestStack, type TestStack } from '../harness/stack';
import { as, bodyOf, DEMO, errorOf, eventually, holder, itemsOf, receipt } from './support';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const Created = z.object({ code: z.string(), accessCode: z.string(), status: z.string(), dueAt: z.string() });
const Case = z.object({
  code: z.string(),
  status: z.string(),
  answer: z.string().nullable(),
  supplementRequest: z.string().nullable(),
  rating: z.object({ satisfied: z.boolean() }).nullable(),
});
const StaffCase = Case.extend({
  assignedAgency: z.string().nullable(),
  contact: z.object({ fullName: z.string() }),
  history: z.array(z.object({ action: z.string() })),
});

const CONTACT = { fullName: 'Lê Thị Hoa', email: 'hoa@example.vn' };
const body = (extra: Record<string, unknown> = {}) => ({
  category: 'handling',
  subject: 'Hồ sơ chậm trả kết quả',
  content: 'Tôi nộp hồ sơ đã lâu mà chưa nhận được kết quả.',
  contact: CONTACT,
  consentToPublish: true,
  ...extra,
});

const follow = (code: string, accessCode?: string) => {
  const req = request(stack.app).get(`/api/v1/public/feedback/${code}`);
  return accessCode === undefined ? req : req.set('X-Access-Code', accessCode);
};

async function hotline(extra: Record<string, unknown> = {}) {
  const res = await as(stack, 'centre.receiver').post(
    '/feedback',
    body({ channel: 'hotline', ...extra }),
    randomUUID(),
  );
  expect(res.status).toBe(201);
  return bodyOf(res, Created);
}

test('a case taken on the hotline lives to a published answer and a rating', async () => {
  const { code, accessCode, status } = await hotline();
  expect(code).toMatch(/^PAKN-\d{6}-\d{4}$/);
  expect(status).toBe('received');
  expect(bodyOf(await follow(code, accessCode), Case).status).toBe('received');
  expect(errorOf(await follow(code, 'WRONGONE')).code).toBe('ACCESS_DENIED');
  expect((await follow(code)).status).toBe(403);
  // The citizen hears of it once, at the address the desk took down.
  await eventually(async () => {
    const sent = stack.delivered.filter(
      (d) => d.message.to === CONTACT.email && d.message.subject.includes(code),
    );
    expect(sent).toHaveLength(1);
  });

  let res = await as(stack, 'centre.receiver').post(`/feedback/${code}/assign`, { agency: 'land' });
  expect(bodyOf(res, StaffCase)).toMatchObject({ status: 'processing', assignedAgency: 'land' });
  expect((await as(stack, 'justice.specialist').get(`/feedback/${code}`)).status).toBe(403);
  expect((await as(stack, 'land.specialist').post(`/feedback/${code}/publish`)).status).toBe(403);
  res = await as(stack, 'land.specialist').post(`/feedback/${code}/answer`, { answer: 'Đã trả kết quả.' });
  expect(bodyOf(res, StaffCase).status).toBe('answered');
  expect(
    itemsOf(await as(stack, 'land.leader').get('/feedback?status=answered'), Case).map((c) => c.code),
  ).toContain(code);

  res = await as(stack, 'centre.receiver').post(`/feedback/${code}/publish`);
  expect(bodyOf(res, StaffCase).status).toBe('published');
  const published = await request(stack.app).get('/api/v1/public/feedback?pageSize=100');
  expect(published.status).toBe(200);
  expect(itemsOf(published, z.object({ code: z.string(), answer: z.string() }))).toContainEqual({
    code,
    answer: 'Đã trả kết quả.',
  });
  expect(JSON.stringify(published.body)).not.toContain(CONTACT.fullName);
  expect(JSON.stringify(published.body)).not.toContain(CONTACT.email);

  res = await holder(stack, accessCode).post(`/public/feedback/${code}/rating`, {
    satisfied: true,
    comment: 'Cảm ơn',
  });
  expect(res.status).toBe(201);
  expect(bodyOf(res, Case).rating).toEqual({ satisfied: true });
  res = await holder(stack, accessCode).post(`/public/feedback/${code}/rating`, { satisfied: false });
  expect({ status: res.status, code: errorOf(res).code }).toEqual({ status: 409, code: 'ALREADY_RATED' });

  const full = bodyOf(await as(stack, 'centre.receiver').get(`/feedback/${code}`), StaffCase);
  expect(full.contact.fullName).toBe(CONTACT.fullName);
  expect(full.history.map((e) => e.action)).toEqual(['receive', 'assign', 'answer', 'publish', 'rate']);
});

test('a case about a dossier needs that dossier’s access code', async () => {
  const dossier = await receipt(stack, DEMO);
  const about = body({ dossierCode: dossier.code });
  let res = await holder(stack).post('/public/feedback', about);
  expect({ status: res.status, code: errorOf(res).code }).toEqual({ status: 403, code: 'ACCESS_DENIED' });
  res = await holder(stack, dossier.accessCode).post('/public/feedback', about);
  const { code } = bodyOf(res, Created);
  // Staff see it on the dossier.
  const view = await as(stack, 'centre.receiver').get(`/dossiers/${dossier.code}`);
  expect(bodyOf(view, z.object({ feedback: z.array(z.object({ code: z.string() })) })).feedback).toEqual([
    expect.objectContaining({ code }),
  ]);
});

test('more is asked for once; an unsatisfying answer is raised again once', async () => {
  const { code, accessCode } = await hotline({ consentToPublish: false });
  const ask = () =>
    as(stack, 'centre.receiver').post(`/feedback/${code}/request-supplement`, { reason: 'Số hồ sơ?' });
  expect((await ask()).status).toBe(200);
  let res = await holder(stack, accessCode).post(`/public/feedback/${code}/supplement`, {
    content: 'Số 0001.',
  });
  expect(res.status).toBe(200);
  expect(bodyOf(res, Case)).toMatchObject({ status: 'received', supplementRequest: 'Số hồ sơ?' });
  res = await ask();
  expect({ status: res.status, code: errorOf(res).code }).toEqual({
    status: 409,
    code: 'SUPPLEMENT_ALREADY_REQUESTED',
  });

  await as(stack, 'centre.receiver').post(`/feedback/${code}/assign`, { agency: 'land' });
  await as(stack, 'land.leader').post(`/feedback/${code}/answer`, { answer: 'Đã xem xét.' });
  res = await as(stack, 'centre.receiver').post(`/feedback/${code}/publish`);
  expect({ status: res.status, code: errorOf(res).code }).toEqual({
    status: 409,
    code: 'NO_CONSENT_TO_PUBLISH',
  });

  const again = () =>
    holder(stack, accessCode).post(`/public/feedback/${code}/raise-again`, { content: 'Chưa thỏa đáng.' });
  expect(errorOf(await again()).code).toBe('INVALID_TRANSITION');
  expect(
    (await holder(stack, accessCode).post(`/public/feedback/${code}/rating`, { satisfied: false })).status,
  ).toBe(201);
  res = await again();
  expect(res.status).toBe(201);
  const linked = bodyOf(res, Created);
  expect(linked.code).not.toBe(code);
  expect(errorOf(await again()).code).toBe('ALREADY_RAISED');
});
