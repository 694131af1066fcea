import { startTestStack, type TestStack } from '../harness/stack';
import { APPLICANT, as, codeOf, DEMO, DOCUMENTS, errorCode } from './support';

/** What a request may ask for is bounded: how far back a receipt goes, how deep a page, how long a book. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const DAY_MS = 86_400_000;
const receiveAt = (receivedAt: Date) =>
  as(stack, 'centre.receiver').post('/dossiers', {
    procedureCode: DEMO,
    channel: 'postal',
    applicant: APPLICANT,
    documents: DOCUMENTS,
    receivedAt: receivedAt.toISOString(),
  });
const paths = (res: { body: { error: { details: { path: string }[] } } }) =>
  res.body.error.details.map((d) => d.path);

test('a receipt is dated at most one working day back, never ahead, and a backdated one is audited', async () => {
  const old = await receiveAt(new Date(Date.now() - 3 * DAY_MS));
  expect(old.status).toBe(400);
  expect(paths(old)).toEqual(['body.receivedAt']);
  const ahead = await receiveAt(new Date(Date.now() + DAY_MS));
  expect(paths(ahead)).toEqual(['body.receivedAt']);

  // The demo procedure counts every day: yesterday is one working day back.
  const yesterday = new Date(Date.now() - DAY_MS);
  const res = await receiveAt(yesterday);
  expect(res.status).toBe(201);
  const audit = await stack.db.dossierEvent.findFirst({
    where: { dossierCode: codeOf(res), action: 'backdateReceipt' },
  });
  expect(audit).toMatchObject({ actor: 'centre.receiver', outcome: 'applied' });
  expect(audit?.detail).toMatchObject({ receivedAt: yesterday.toISOString() });
});

test('pages and periods are bounded', async () => {
  const receiver = as(stack, 'centre.receiver');
  const deep = await receiver.get('/dossiers?page=1001');
  expect(deep.status).toBe(400);
  expect(paths(deep)).toEqual(['query.page']);
  expect((await receiver.get('/dossiers?pageSize=101')).status).toBe(400);

  const year = await receiver.get('/forms/tracking-book?from=2026-01-01&to=2026-12-31');
  expect(year.status).toBe(400);
  expect(paths(year)).toEqual(['query.to']);
  const month = await receiver.get('/forms/tracking-book?from=2026-01-15&to=2026-02-14');
  expect(month.status).toBe(200);
});

test('a malformed percent escape in a path is the client’s error', async () => {
  const res = await as(stack, 'centre.receiver').get('/dossiers/%E0%A4%A');
  expect(res.status).toBe(400);
  expect(errorCode(res)).toBe('VALIDATION_FAILED');
});
