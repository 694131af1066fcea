import type request from 'supertest';
import { z } from 'zod';
import { DOSSIER_CODE_PATTERN } from '../../domain/dossier-code';
import { PROVIDERS } from '../harness/databases';
import { startTestStack, type TestStack } from '../harness/stack';
import {
  APPLICANT,
  as,
  bodyOf,
  DEMO,
  DOCUMENTS,
  errorCode,
  eventually,
  holder,
  HOUSEHOLD,
  itemsOf,
  lastWorkingMorning,
  receive,
} from './support';

let stack: TestStack;

const VN_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$/;

interface View {
  status: { code: number; key: string; label: string };
  steps: { id: string; state: string; result: string | null }[];
  currentAgencies: string[];
  dueAt: string;
  originalDueAt: string;
  extensionCount: number;
}

/** The fields of a dossier answer these tests read; each answer has some of them, the assertions say which. */
const DossierFields = z.object({
  dueAt: z.string().nullish(),
  receivedAt: z.string().nullish(),
  submittedAt: z.string().nullish(),
  acceptBy: z.string().nullish(),
  links: z.object({ self: z.string().optional() }).optional(),
  handoffs: z.array(z.object({ toAgency: z.string() })).optional(),
  status: z.object({ key: z.string() }).optional(),
  applicantName: z.string().nullish(),
});
const fieldsOf = (res: request.Response) => bodyOf(res, DossierFields);
const Code = z.object({ code: z.string() });

// Production runs on PostgreSQL, development on SQLite: the suite proves both, one stack each.
describe.each(PROVIDERS)('on %s', (provider) => {
  beforeAll(async () => {
    stack = await startTestStack({ provider });
  });
  afterAll(() => stack.stop());

  test('a demo dossier lives through the API from the counter to the rating', async () => {
    const received = await as(stack, 'centre.receiver').post('/dossiers', {
      procedureCode: DEMO,
      channel: 'counter',
      applicant: APPLICANT,
      documents: DOCUMENTS,
    });
    expect(received.status).toBe(201);
    const { code, accessCode } = bodyOf(received, z.object({ code: z.string(), accessCode: z.string() }));
    expect(code).toMatch(DOSSIER_CODE_PATTERN);
    expect(code.startsWith('000.00.01.H56-')).toBe(true);
    // Round the clock: received and handed to the first agency in the same moment.
    expect(received.body).toMatchObject({ status: { code: 4, key: 'processing', label: 'Đang xử lý' } });
    expect(fieldsOf(received).dueAt).toMatch(VN_TIME);
    expect(fieldsOf(received).receivedAt).toMatch(VN_TIME);
    expect(received.headers.location).toBe(fieldsOf(received).links?.self);

    const act = (user: string, action: string, body = {}) =>
      as(stack, user).post(`/dossiers/${code}/${action}`, body);
    let res = await act('justice.specialist', 'complete-step', { stepId: 'review', note: 'Hồ sơ hợp lệ' });
    expect(res.status).toBe(200);
    expect((res.body as View).currentAgencies.sort()).toEqual(['construction', 'land']);
    expect((await act('land.specialist', 'complete-step', { stepId: 'land-opinion' })).status).toBe(200);
    res = await act('construction.specialist', 'complete-step', { stepId: 'construction-opinion' });
    expect((res.body as View).steps.find((s) => s.id === 'approve')?.state).toBe('active');
    res = await act('justice.leader', 'approve', { note: 'Đồng ý' });
    expect(res.body).toMatchObject({ status: { code: 9, key: 'processed' } });
    res = await act('centre.receiver', 'return-result', { method: 'counter' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: { code: 10, key: 'returned', label: 'Đã trả kết quả' } });

    // The read model already holds what the Update returned: it projects before answering.
    const detail = await as(stack, 'centre.receiver').get(`/dossiers/${code}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      code,
      status: { code: 10 },
      applicant: { fullName: APPLICANT.fullName },
    });
    expect((detail.body as View).steps.every((s) => s.state === 'done' && s.result !== null)).toBe(true);
    expect(fieldsOf(detail).handoffs?.map((h) => h.toAgency)).toEqual([
      'justice',
      'land',
      'construction',
      'justice',
      'centre',
    ]);
    expect(fieldsOf(detail).submittedAt).toMatch(VN_TIME);

    const events = await eventually(async () => {
      const list = await as(stack, 'justice.leader').get(`/dossiers/${code}/events`);
      expect(bodyOf(list, z.object({ total: z.number() })).total).toBe(6);
      return itemsOf(
        list,
        z.looseObject({
          action: z.string(),
          actor: z.string(),
          outcome: z.string(),
          to: z.object({ code: z.number() }),
        }),
      );
    });
    expect(events.map((e) => e.action)).toEqual([
      'receive',
      'completeStep',
      'completeStep',
      'completeStep',
      'approve',
      'returnResult',
    ]);
    expect(events.every((e) => e.outcome === 'applied')).toBe(true);
    expect(events[5]).toMatchObject({ actor: 'centre.receiver', to: { code: 10 } });

    // The citizen was told along the way; staff see to whom only masked.
    const notifications = await eventually(async () => {
      const list = await as(stack, 'centre.receiver').get(`/dossiers/${code}/notifications?pageSize=100`);
      const returned = itemsOf(list, z.object({ occasion: z.string(), status: z.string() })).filter(
        (n) => n.occasion === 'returned',
      );
      expect(returned.length).toBeGreaterThan(0);
      expect(returned.every((n) => n.status === 'sent')).toBe(true);
      // Loose: every field the API answered goes into the text checked below.
      return itemsOf(
        list,
        z.looseObject({ audience: z.string(), channel: z.string(), recipient: z.string() }),
      );
    });
    expect(notifications.some((n) => n.audience === 'citizen')).toBe(true);
    const text = JSON.stringify(notifications);
    expect(text).not.toContain(APPLICANT.email);
    expect(text).not.toContain(APPLICANT.phone.slice(1));
    // The channels got the full address; only the API's answer is masked.
    expect(stack.delivered.map((d) => d.message.to)).toContain(`+84${APPLICANT.phone.slice(1)}`);

    const rating = { scores: { resultTime: 5, staffAttitude: 4 }, comment: 'Nhanh' };
    res = await holder(stack, accessCode).post(`/public/dossiers/${code}/rating`, rating);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code, scores: { resultTime: 5, staffAttitude: 4 } });
    res = await holder(stack, accessCode).post(`/public/dossiers/${code}/rating`, rating);
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('ALREADY_RATED');
    const trail = await as(stack, 'admin').get(`/dossiers/${code}/events`);
    expect(itemsOf(trail, z.looseObject({}))).toContainEqual(
      expect.objectContaining({ action: 'rate', outcome: 'rejected' }),
    );
  });

  test('a commune dossier on the working calendar is reviewed, extended once, signed and returned', async () => {
    const code = await receive(stack, HOUSEHOLD, { receivedAt: lastWorkingMorning().toISOString() });
    expect(code.startsWith('000.21.31.H56-')).toBe(true);
    const act = (user: string, action: string, body = {}) =>
      as(stack, user).post(`/dossiers/${code}/${action}`, body);

    let res = await act('commune.specialist', 'complete-step', { stepId: 'review' });
    expect(res.status).toBe(200);
    const due = new Date((res.body as View).dueAt);
    const newDueAt = new Date(due.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    res = await act('commune.leader', 'extend', { reason: 'Cần xác minh thêm', newDueAt });
    expect(res.status).toBe(200);
    const extended = res.body as View;
    expect(extended.extensionCount).toBe(1);
    expect(new Date(extended.dueAt) > due).toBe(true);
    expect(new Date(extended.originalDueAt)).toEqual(due);

    res = await act('commune.leader', 'extend', { reason: 'Lần nữa', newDueAt });
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('EXTENSION_ALREADY_USED');

    // Worklist answers are shared for a moment, but never across an action taken through the API.
    const processing = `/dossiers?status=processing&procedure=${HOUSEHOLD}`;
    const listed = async () =>
      itemsOf(await as(stack, 'commune.receiver').get(processing), Code).map((i) => i.code);
    expect(await listed()).toContain(code);
    expect((await act('commune.leader', 'approve', {})).body).toMatchObject({ status: { key: 'processed' } });
    expect(await listed()).not.toContain(code);
    res = await act('commune.receiver', 'return-result', { method: 'electronic' });
    expect(res.body).toMatchObject({ status: { code: 10 } });

    const list = await as(stack, 'commune.receiver').get(`/dossiers?status=returned&procedure=${HOUSEHOLD}`);
    expect(itemsOf(list, Code).map((i) => i.code)).toContain(code);
  });

  test('an online submission waits for acceptance and is tracked publicly without personal data', async () => {
    const res = await as(stack).post('/public/submissions', {
      procedureCode: DEMO,
      applicant: APPLICANT,
      documents: DOCUMENTS,
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: { code: 1, key: 'submitted' } });
    expect(fieldsOf(res).acceptBy).toMatch(VN_TIME);
    const { code } = res.body as { code: string };

    const accepted = await as(stack, 'centre.receiver').post(`/dossiers/${code}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: { key: 'processing' }, channel: 'online' });

    const tracking = await eventually(async () => {
      const page = await as(stack).get(`/public/dossiers/${code}`);
      expect(fieldsOf(page).status?.key).toBe('processing');
      return page;
    });
    expect(fieldsOf(tracking).applicantName).toBe('Nguyễn V*** A');
    const text = JSON.stringify(tracking.body);
    for (const secret of [
      APPLICANT.idNumber,
      APPLICANT.phone,
      APPLICANT.email,
      APPLICANT.address,
      'Văn An',
      'centre.receiver',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(Object.keys(tracking.body as object).sort()).toEqual(
      [
        'code',
        'procedure',
        'applicantName',
        'status',
        'submittedAt',
        'receivedAt',
        'dueAt',
        'originalDueAt',
        'returnAppointment',
        // The national payment platform's page while fees are unpaid (null otherwise): no personal data.
        'paymentUrl',
        'overdue',
        'finishedAt',
        'returnedAt',
        'steps',
        // The components' names and whether each is digitised: no file, no personal data.
        'documents',
        'links',
      ].sort(),
    );
  });
});
