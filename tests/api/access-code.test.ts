import { z } from 'zod';
import { startTestStack, type TestStack } from '../harness/stack';
import { as, bodyOf, DEMO, errorOf, holder, receipt, submission } from './support';

/** The citizen's access code: answered once at reception, required by the public calls that act. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const UNKNOWN = '000.00.01.H56-200101-9998';
const rating = { scores: { resultTime: 5 } };
const eventCount = async (code: string) =>
  bodyOf(
    await as(stack, 'admin').get(`/dossiers/${code}/events?pageSize=100`),
    z.object({ total: z.number() }),
  ).total;

test('both receptions answer an access code once, and no read answers it again', async () => {
  const counter = await receipt(stack, DEMO);
  const online = await submission(stack, DEMO);
  for (const { code, accessCode } of [counter, online]) {
    expect(accessCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const reads = [
      await as(stack, 'centre.receiver').get(`/dossiers/${code}`),
      await as(stack).get(`/public/dossiers/${code}`),
    ];
    for (const read of reads) {
      expect(read.status).toBe(200);
      expect(JSON.stringify(read.body)).not.toContain(accessCode);
    }
  }
  expect(counter.accessCode).not.toBe(online.accessCode);
});

test('the right code acts; a missing or wrong one is refused as an unknown dossier is, unaudited', async () => {
  const { code, accessCode } = await receipt(stack, DEMO);
  const before = await eventCount(code);
  const refusals = [
    await holder(stack).post(`/public/dossiers/${code}/rating`, rating),
    await holder(stack, 'AAAAAAAA').post(`/public/dossiers/${code}/rating`, rating),
    await holder(stack, 'AAAAAAAA').post(`/public/dossiers/${code}/supplement`, {
      documents: [{ name: 'Bản sao', form: 'copy' }],
    }),
    await holder(stack, accessCode).post(`/public/dossiers/${UNKNOWN}/rating`, rating),
  ];
  for (const res of refusals) {
    expect({ status: res.status, body: res.body as unknown }).toEqual({
      status: 403,
      body: refusals[0].body as unknown,
    });
  }
  expect(errorOf(refusals[0]).code).toBe('ACCESS_DENIED');
  expect(await eventCount(code)).toBe(before);
  // Admitted: the state machine answers (no rating before the result is returned), typed as on paper.
  const typed = `${accessCode.slice(0, 4).toLowerCase()} ${accessCode.slice(4)}`;
  const admitted = await holder(stack, typed).post(`/public/dossiers/${code}/rating`, rating);
  expect({ status: admitted.status, code: errorOf(admitted).code }).toEqual({
    status: 409,
    code: 'INVALID_TRANSITION',
  });
});

test('after five wrong codes for one dossier the sixth try is 429, even with the right code', async () => {
  const { code, accessCode } = await receipt(stack, DEMO);
  for (let i = 0; i < 5; i++) {
    const res = await holder(stack, `WRONG${i}`).post(`/public/dossiers/${code}/rating`, rating);
    expect(res.status).toBe(403);
  }
  for (const guess of ['WRONG5', accessCode]) {
    const res = await holder(stack, guess).post(`/public/dossiers/${code}/rating`, rating);
    expect({ status: res.status, code: errorOf(res).code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  }
  // Other dossiers are not locked.
  const other = await receipt(stack, DEMO);
  const res = await holder(stack, other.accessCode).post(`/public/dossiers/${other.code}/rating`, rating);
  expect(res.status).toBe(409);
});
