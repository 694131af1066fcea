import request from 'supertest';
import { z } from 'zod';
import { startTestStack, type TestStack } from '../harness/stack';
import { as, bodyOf, DEMO, errorCode, errorOf, eventually, itemsOf, receive } from './support';

/**
 * Inside an agency a step is assigned to a named specialist (by the leader, or taken by the specialist),
 * reassigned, and shown in that person's worklist; every agency of a parallel phase has the dossier in its
 * list; a step can send the dossier back to the previous one with a reason (docs/rules.md E7).
 */
let stack: TestStack;
let secondToken: string;
beforeAll(async () => {
  stack = await startTestStack();
  const res = await as(stack, 'admin').post('/users', {
    username: 'justice.specialist2',
    fullName: 'Phan Thị Hạnh',
    role: 'specialist',
    agencyCode: 'justice',
    password: 'một mật khẩu đủ dài',
  });
  expect(res.status).toBe(201);
  const login = await request(stack.app)
    .post('/api/v1/auth/login')
    .send({ username: 'justice.specialist2', password: 'một mật khẩu đủ dài' });
  secondToken = bodyOf(login, z.object({ token: z.string() })).token;
});
afterAll(() => stack.stop());

const View = z.object({
  steps: z.array(z.object({ id: z.string(), state: z.string(), assignee: z.string().nullable() })),
  handoffs: z.array(
    z.object({ fromAgency: z.string().nullable(), toAgency: z.string(), note: z.string().nullish() }),
  ),
});
const stepOf = (view: z.infer<typeof View>, id: string) => view.steps.find((s) => s.id === id)!;
/** As a demo user, or as the second specialist of the justice department (not a demo user). */
const act = (user: string, code: string, action: string, body = {}) =>
  user === 'justice.specialist2'
    ? request(stack.app)
        .post(`/api/v1/dossiers/${code}/${action}`)
        .set('Authorization', `Bearer ${secondToken}`)
        .send(body)
    : as(stack, user).post(`/dossiers/${code}/${action}`, body);
const listed = async (user: string, code: string, extra = '') =>
  itemsOf(await as(stack, user).get(`/dossiers?q=${code}${extra}`), z.object({ code: z.string() })).map(
    (d) => d.code,
  );

test('the leader assigns and reassigns a step; only its assignee (or the leader) finishes it', async () => {
  const code = await receive(stack, DEMO);
  const assigned = await act('justice.leader', code, 'assign-step', {
    stepId: 'review',
    assignee: 'justice.specialist',
  });
  expect(stepOf(bodyOf(assigned, View), 'review').assignee).toBe('justice.specialist');
  await eventually(async () =>
    expect(await listed('justice.specialist', code, '&mine=true')).toEqual([code]),
  );
  expect(await listed('justice.leader', code, '&mine=true')).toEqual([]);

  // Not a colleague: refused before the workflow is asked.
  const stranger = await act('justice.leader', code, 'assign-step', {
    stepId: 'review',
    assignee: 'land.specialist',
  });
  expect(stranger.status).toBe(400);
  expect(errorOf(stranger).details).toContainEqual(expect.objectContaining({ path: 'body.assignee' }));
  // A specialist does not take a step assigned to someone else.
  const taken = await act('justice.specialist2', code, 'assign-step', {
    stepId: 'review',
    assignee: 'justice.specialist2',
  });
  expect(taken.status).toBe(403);

  await act('justice.leader', code, 'assign-step', { stepId: 'review', assignee: 'justice.specialist2' });
  expect((await act('justice.specialist', code, 'complete-step', { stepId: 'review' })).status).toBe(403);
  expect((await act('justice.specialist2', code, 'complete-step', { stepId: 'review' })).status).toBe(200);
});

test('a specialist takes an unassigned step for themself', async () => {
  const code = await receive(stack, DEMO);
  const res = await act('justice.specialist', code, 'assign-step', {
    stepId: 'review',
    assignee: 'justice.specialist',
  });
  expect(stepOf(bodyOf(res, View), 'review').assignee).toBe('justice.specialist');
});

test('both agencies of a parallel phase have the dossier; sending it back returns it to the previous step', async () => {
  const code = await receive(stack, DEMO);
  const first = await act('justice.specialist', code, 'send-back', {
    stepId: 'review',
    reason: 'Không có bước trước',
  });
  expect(errorCode(first)).toBe('NO_PREVIOUS_STEP');

  await act('justice.specialist', code, 'complete-step', { stepId: 'review' });
  await eventually(async () => {
    expect(await listed('land.specialist', code)).toEqual([code]);
    expect(await listed('construction.specialist', code)).toEqual([code]);
  });

  const back = bodyOf(
    await act('construction.specialist', code, 'send-back', {
      stepId: 'construction-opinion',
      reason: 'Thiếu ý kiến thẩm định về quy hoạch',
    }),
    View,
  );
  expect(back.steps.map((s) => [s.id, s.state])).toEqual([
    ['review', 'active'],
    ['land-opinion', 'waiting'],
    ['construction-opinion', 'waiting'],
    ['approve', 'waiting'],
  ]);
  // On the process control slip: who sent it back to whom, and why.
  expect(back.handoffs.at(-1)).toMatchObject({
    fromAgency: 'construction',
    toAgency: 'justice',
    note: 'Thiếu ý kiến thẩm định về quy hoạch',
  });
  await eventually(async () => expect(await listed('land.specialist', code)).toEqual([]));
  expect(await listed('justice.specialist', code)).toEqual([code]);
});
