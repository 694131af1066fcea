import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { z } from 'zod';
import { freePort } from '../../platform/dev/ports';
import { startTestStack, type TestStack } from '../harness/stack';
import { as, DEMO, eventually, itemsOf, receive, type Body } from './support';

/**
 * Every role against every action, on a demo dossier whose first step (review) is at the justice
 * department: receivers of the receiving centre and of another desk, specialists and leaders of the agency
 * holding the dossier, of an agency with a later step, and of one with none, and the administrator.
 * A cell is the status the API answers; 200 cells change the dossier, so each runs on a dossier of its own.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const USERS = [
  'centre.receiver',
  'commune.receiver',
  'justice.specialist',
  'justice.leader',
  'land.specialist',
  'land.leader',
  'police.specialist',
  'admin',
] as const;
type Username = (typeof USERS)[number];

const newDueAt = new Date(Date.now() + 5 * 86_400_000).toISOString();

/** Per action: its body and the users not refused with 403, with what they get instead. */
const MATRIX: Record<string, { body: Body; allowed: Partial<Record<Username, number>> }> = {
  accept: { body: {}, allowed: { 'centre.receiver': 409 } },
  'request-completion': {
    body: { reason: 'Thiếu', missingDocuments: ['Đơn'] },
    allowed: { 'centre.receiver': 409 },
  },
  refuse: {
    body: { reason: 'Không đủ điều kiện' },
    allowed: { 'justice.specialist': 200, 'justice.leader': 200 },
  },
  'complete-step': {
    body: { stepId: 'review' },
    allowed: { 'justice.specialist': 200, 'justice.leader': 200 },
  },
  'request-supplement': {
    body: { reason: 'Thiếu', documents: ['Bản vẽ'] },
    allowed: { 'justice.specialist': 200, 'justice.leader': 200 },
  },
  supplement: {
    body: { documents: [{ name: 'Bản vẽ', form: 'copy' }] },
    allowed: { 'centre.receiver': 409 },
  },
  // The procedure has no financial obligation: any agency with a step in it hears so before its agency is checked.
  'request-payment': {
    body: { amountVnd: 10_000, reason: 'Lệ phí' },
    allowed: { 'justice.specialist': 409, 'justice.leader': 409, 'land.specialist': 409, 'land.leader': 409 },
  },
  'confirm-payment': { body: { reference: 'PAY-1' }, allowed: { 'centre.receiver': 409 } },
  extend: { body: { reason: 'Chậm', newDueAt }, allowed: { 'justice.leader': 409 } },
  approve: { body: {}, allowed: { 'justice.leader': 409 } },
  'return-result': { body: { method: 'counter' }, allowed: { 'centre.receiver': 409 } },
  withdraw: { body: { reason: 'Công dân rút' }, allowed: { 'centre.receiver': 200 } },
};

const CELLS = Object.entries(MATRIX).flatMap(([action, { body, allowed }]) =>
  USERS.map((user) => ({ action, user, body, expected: allowed[user] ?? 403 })),
);
const camel = (action: string) => action.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

test('every role against every action on a dossier held by the justice department', async () => {
  // Received an hour ago, the demo's 30-minute deadline has passed: an extension is too late at any hour
  // (received just now, a deadline that crosses midnight would leave the whole of today for one).
  const shared = await receive(stack, DEMO, { receivedAt: new Date(Date.now() - 3_600_000).toISOString() });
  const answers: string[] = [];
  const expected: string[] = [];
  for (const cell of CELLS) {
    const code = cell.expected === 200 ? await receive(stack, DEMO) : shared;
    const res = await as(stack, cell.user).post(`/dossiers/${code}/${cell.action}`, cell.body);
    answers.push(`${cell.action} by ${cell.user}: ${res.status}`);
    expected.push(`${cell.action} by ${cell.user}: ${cell.expected}`);
  }
  expect(answers).toEqual(expected);

  // Each refusal is in the audit trail, as denied, with who tried what.
  const trail = await as(stack, 'admin').get(`/dossiers/${shared}/events?pageSize=100`);
  const denied = itemsOf(trail, z.object({ outcome: z.string(), actor: z.string(), action: z.string() }))
    .filter((e) => e.outcome === 'denied')
    .map((e) => `${e.action} by ${e.actor}`);
  const forbidden = CELLS.filter((c) => c.expected === 403).map((c) => `${camel(c.action)} by ${c.user}`);
  expect(denied.sort()).toEqual(forbidden.sort());
});

test('who may see a dossier: admin, the receiving desk and the agencies with a step in it', async () => {
  const code = await receive(stack, DEMO);
  const seen: Record<string, number> = {};
  for (const user of [...USERS, 'construction.specialist', 'tax.leader']) {
    seen[user] = (await as(stack, user).get(`/dossiers/${code}`)).status;
  }
  expect(seen).toEqual({
    'centre.receiver': 200,
    'commune.receiver': 403,
    'justice.specialist': 200,
    'justice.leader': 200,
    'land.specialist': 200,
    'land.leader': 200,
    'police.specialist': 403,
    admin: 200,
    'construction.specialist': 200,
    'tax.leader': 403,
  });
  const trail = await as(stack, 'admin').get(`/dossiers/${code}/events`);
  expect(itemsOf(trail, z.looseObject({}))).toContainEqual(
    expect.objectContaining({ action: 'view', actor: 'tax.leader', outcome: 'denied' }),
  );

  // The worklist shows what the agency holds or received: the justice department now, not land yet.
  const listed = async (user: string) =>
    itemsOf(await as(stack, user).get(`/dossiers?q=${code}`), z.object({ code: z.string() })).map(
      (i) => i.code,
    );
  await eventually(async () => expect(await listed('justice.specialist')).toEqual([code]));
  expect(await listed('centre.receiver')).toEqual([code]);
  expect(await listed('admin')).toEqual([code]);
  expect(await listed('land.specialist')).toEqual([]);
  expect(await listed('commune.receiver')).toEqual([]);
});

test('a role refused up front is refused without asking Temporal', async () => {
  const code = await receive(stack, DEMO);
  // An app whose Temporal is a port just opened and closed: anything that asked it would answer 503.
  const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  const app = stack.appWith({ temporal: new Client({ connection }), temporalTimeoutMs: 1_000 });
  const token = await stack.login('justice.specialist');
  const post = (action: string, body: object) =>
    request(app)
      .post(`/api/v1/dossiers/${code}/${action}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  expect((await post('return-result', { method: 'counter' })).status).toBe(403);
  expect((await post('complete-step', { stepId: 'review' })).status).toBe(503);
  await connection.close();
});
