import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { startPortalSimulator, type PortalSimulator } from '../../platform/dev/portal-simulator';
import { startTestStack, type TestStack } from '../harness/stack';
import { randomUUID } from 'node:crypto';
import { as, bodyOf, DEMO, errorOf, eventually, itemsOf, receive, submission, type Body } from './support';
import { stateQuery } from '../../workflows/messages';
import { portalSyncWorkflowId } from '../../workflows/portal-messages';

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

const Resync = z.object({ dossierCode: z.string(), started: z.boolean() });
const ResyncPeriod = z.object({ resent: z.array(z.string()), more: z.boolean() });

/** The markers of the dossier's accepted record deliveries, in the order the portal took them. */
const deliveries = (code: string) =>
  simulator.calls
    .filter(
      (c) => c.service === 'DongBoHoSoMC' && c.answer?.error_code === 0 && c.change?.startsWith(`${code}#`),
    )
    .map((c) => c.change!.slice(code.length + 1));

test('a resync sends the record again, through the running sync and by starting one that ended', async () => {
  const code = await receive(stack, DEMO);
  await eventually(async () => expect((await syncOf(code)).portalSync?.state).toBe('synced'));
  // The portal lost the dossier.
  simulator.dossiers.delete(code);
  const resync = () => as(stack, 'admin').post(`/portal/sync/${code}/resync`, {});
  expect(bodyOf(await resync(), Resync)).toEqual({ dossierCode: code, started: false });
  await eventually(async () => expect(simulator.dossiers.get(code)?.MaHoSo).toBe(code));

  await as(stack, 'centre.receiver').post(`/dossiers/${code}/withdraw`, { reason: 'Công dân rút' });
  const sync = stack.client.workflow.getHandle(portalSyncWorkflowId(code));
  await eventually(async () => expect((await sync.describe()).status.name).toBe('COMPLETED'), 30_000);
  const returned = simulator.dossiers.get(code)!;
  simulator.dossiers.delete(code);
  expect(bodyOf(await resync(), Resync)).toEqual({ dossierCode: code, started: true });
  await eventually(async () => expect(simulator.dossiers.get(code)).toEqual(returned));
  // The resent run ends once the record is in, and every numbered change still went exactly once.
  await eventually(async () => expect((await sync.describe()).status.name).toBe('COMPLETED'));
  const numbered = deliveries(code).filter((m) => m !== 'resend');
  expect(numbered).toEqual([...new Set(numbered)]);
  expect(deliveries(code).filter((m) => m === 'resend')).toHaveLength(2);

  expect((await as(stack, 'centre.receiver').post(`/dossiers/${code}/withdraw`, {})).status).toBe(409);
  expect((await as(stack, 'centre.receiver').post(`/portal/sync/${code}/resync`, {})).status).toBe(403);
  const unsynced = { ...stack, app: stack.appWith({ portalSync: false }) };
  expect(errorOf(await as(unsynced, 'admin').post(`/portal/sync/${code}/resync`, {})).code).toBe(
    'PORTAL_SYNC_OFF',
  );
});

test('a resync of a period resends every dossier submitted in it', async () => {
  const from = new Date().toISOString();
  const codes = [await receive(stack, DEMO), await receive(stack, DEMO)];
  for (const code of codes) {
    await eventually(async () => expect((await syncOf(code)).portalSync?.state).toBe('synced'));
    simulator.dossiers.delete(code);
  }
  const to = new Date().toISOString();
  const res = await as(stack, 'admin').post('/portal/resync', { from, to });
  expect(res.status).toBe(202);
  expect(bodyOf(res, ResyncPeriod)).toEqual({ resent: codes, more: false });
  await eventually(async () => expect(codes.filter((c) => simulator.dossiers.has(c))).toEqual(codes));

  const backwards = await as(stack, 'admin').post('/portal/resync', { from: to, to: from });
  expect(backwards.status).toBe(400);
});

test("the payment platform's callback: a bad checksum is refused, a paid one moves the dossier on", async () => {
  const { code } = await submission(stack, '1.013978');
  const act = (user: string, action: string, body: Body) =>
    as(stack, user).post(`/dossiers/${code}/${action}`, body, randomUUID());
  expect((await act('commune.receiver', 'accept', {})).status).toBe(200);
  expect((await act('commune.specialist', 'complete-step', { stepId: 'verify' })).status).toBe(200);
  expect((await act('land.specialist', 'complete-step', { stepId: 'cadastre' })).status).toBe(200);
  const asked = await act('tax.specialist', 'request-payment', {
    amountVnd: 1_250_000,
    reason: 'Lệ phí trước bạ',
  });
  expect(asked.status).toBe(200);
  const dossier = stack.client.workflow.getHandle(code);

  const message = {
    MaGiaoDich: 'DVCQG-GD-0001',
    MaHoSo: code,
    SoTien: '1250000',
    MaLoi: '00',
    ThoiGianThanhToan: '20261127100000',
  };
  const callback = (body: Body) => as(stack).post('/portal/payment/callback', body);
  const forged = await callback({ ...simulator.paymentCallback(message), SoTien: '1' });
  expect(forged.status).toBe(403);
  expect(errorOf(forged).code).toBe('PAYMENT_CHECKSUM_MISMATCH');
  expect((await dossier.query(stateQuery)).status).toBe('awaiting_payment');

  expect((await callback(simulator.paymentCallback(message))).status).toBe(200);
  const paid = await eventually(async () => {
    const state = await dossier.query(stateQuery);
    expect(state.status).toBe('processing');
    return state;
  });
  expect(paid.payment).toMatchObject({ reference: 'DVCQG-GD-0001', online: true });
  // The payment flag goes to the portal with the next record.
  await eventually(async () => expect(simulator.dossiers.get(code)?.DuocThanhToanTrucTuyen).toBe('1'));
});
