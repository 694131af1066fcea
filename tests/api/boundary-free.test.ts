import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { startTestStack, type TestStack } from '../harness/stack';
import { APPLICANT, as, bodyOf, DEMO, DOCUMENTS, eventually, itemsOf } from './support';

/**
 * Boundary-free reception (docs/rules.md A3): a desk of the province receives a procedure whose own desk
 * is another, under its own code; it forwards the dossier to the agencies, keeps the forwarding on record
 * and returns the result; the procedure's own desk has no hand in it.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const View = z.object({
  code: z.string(),
  receivingAgency: z.string(),
  status: z.object({ key: z.string() }),
  handoffs: z.array(z.object({ fromAgency: z.string().nullable(), toAgency: z.string() })),
});

test("the commune's desk receives the province's demo procedure, forwards it and returns the result", async () => {
  const res = await as(stack, 'commune.receiver').post(
    '/dossiers',
    { procedureCode: DEMO, channel: 'counter', applicant: APPLICANT, documents: DOCUMENTS },
    randomUUID(),
  );
  expect(res.status).toBe(201);
  const { code } = bodyOf(res, z.object({ code: z.string() }));
  // The commune's national identifier (domain/demo-agencies.json), not the provincial centre's.
  expect(code).toMatch(/^000\.21\.31\.H56-\d{6}-\d{4}$/);

  const act = (user: string, action: string, body = {}) =>
    as(stack, user).post(`/dossiers/${code}/${action}`, body);
  expect((await act('justice.specialist', 'complete-step', { stepId: 'review' })).status).toBe(200);
  expect((await act('land.specialist', 'complete-step', { stepId: 'land-opinion' })).status).toBe(200);
  expect(
    (await act('construction.specialist', 'complete-step', { stepId: 'construction-opinion' })).status,
  ).toBe(200);
  expect((await act('justice.leader', 'approve')).status).toBe(200);

  // The procedure's own desk neither sees nor returns it; the desk that received it does.
  expect((await as(stack, 'centre.receiver').get(`/dossiers/${code}`)).status).toBe(403);
  expect((await act('centre.receiver', 'return-result', { method: 'counter' })).status).toBe(403);
  const returned = bodyOf(await act('commune.receiver', 'return-result', { method: 'counter' }), View);
  expect(returned).toMatchObject({ receivingAgency: 'commune', status: { key: 'returned' } });
  // Who forwarded to whom: the commune's desk to the justice department, and the result back to it.
  expect(returned.handoffs[0]).toMatchObject({ fromAgency: 'commune', toAgency: 'justice' });
  expect(returned.handoffs.at(-1)).toMatchObject({ toAgency: 'commune' });

  // It is in the commune desk's worklist, not in the centre's.
  const listed = async (user: string) =>
    itemsOf(await as(stack, user).get(`/dossiers?q=${code}`), z.object({ code: z.string() })).map(
      (d) => d.code,
    );
  await eventually(async () => expect(await listed('commune.receiver')).toEqual([code]));
  expect(await listed('centre.receiver')).toEqual([]);
});

test('an agency without a one-stop desk receives nothing', async () => {
  const res = await as(stack, 'justice.specialist').post('/dossiers', {
    procedureCode: DEMO,
    channel: 'counter',
    applicant: APPLICANT,
    documents: DOCUMENTS,
  });
  expect(res.status).toBe(403);
});
