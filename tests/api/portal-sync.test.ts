import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { startPortalSimulator, type PortalSimulator } from '../../platform/dev/portal-simulator';
import { startTestStack, type TestStack } from '../harness/stack';
import { as, bodyOf, DEMO, eventually, itemsOf, receive } from './support';

/** What the dossier view says of its delivery to the national portal. */
const SyncView = z.object({
  portalSync: z
    .object({
      state: z.enum(['synced', 'behind', 'failing']),
      syncedSeq: z.number(),
      receivedSeq: z.number(),
      lastError: z.string().nullable(),
    })
    .nullable(),
  portalSyncUnknown: z.boolean(),
});

const Listed = z.object({ dossierCode: z.string(), state: z.string(), syncedSeq: z.number() });

let simulator: PortalSimulator;
let stack: TestStack;
beforeAll(async () => {
  simulator = await startPortalSimulator();
  stack = await startTestStack({ portal: simulator });
});
afterAll(async () => {
  await stack.stop();
  await simulator.stop();
});

const syncOf = async (code: string, on: TestStack = stack) =>
  bodyOf(await as(on, 'centre.receiver').get(`/dossiers/${code}`), SyncView);

test("the dossier view and the admins' list show a sync failing while the portal is down", async () => {
  const code = await receive(stack, DEMO);
  const synced = await eventually(async () => {
    const view = await syncOf(code);
    expect(view.portalSync).toMatchObject({ state: 'synced', lastError: null });
    return view.portalSync!;
  });
  expect(synced.syncedSeq).toBeGreaterThanOrEqual(1);
  expect(synced.receivedSeq).toBe(synced.syncedSeq);

  simulator.behaviour = 'down';
  try {
    await as(stack, 'centre.receiver').post(`/dossiers/${code}/withdraw`, { reason: 'Công dân rút' });
    const failing = await eventually(async () => {
      const view = await syncOf(code);
      expect(view.portalSync?.state).toBe('failing');
      return view.portalSync!;
    }, 30_000);
    expect(failing.lastError).toMatch(/HTTP 503/);
    expect(failing.receivedSeq).toBeGreaterThan(failing.syncedSeq);
    // The visibility store follows the search attributes a moment later.
    await eventually(async () => {
      const listed = itemsOf(await as(stack, 'admin').get('/portal/sync?state=failing'), Listed);
      expect(listed).toContainEqual({ dossierCode: code, state: 'failing', syncedSeq: failing.syncedSeq });
    });
    expect(itemsOf(await as(stack, 'admin').get('/portal/sync?state=behind'), Listed)).not.toContainEqual(
      expect.objectContaining({ dossierCode: code }),
    );
    expect((await as(stack, 'centre.receiver').get('/portal/sync')).status).toBe(403);
  } finally {
    simulator.behaviour = 'normal';
  }
  await eventually(async () => expect((await syncOf(code)).portalSync?.state).toBe('synced'), 60_000);
});

test('a dossier without a sync shows none, and a Temporal that does not answer shows unknown', async () => {
  const unsynced = { ...stack, app: stack.appWith({ portalSync: false }) };
  const code = await receive(unsynced, DEMO);
  expect(await syncOf(code)).toEqual({ portalSync: null, portalSyncUnknown: false });

  const nowhere = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const blind = { ...stack, app: stack.appWith({ temporal: nowhere }) };
  expect(await syncOf(code, blind)).toEqual({ portalSync: null, portalSyncUnknown: true });
});
