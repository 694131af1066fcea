import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { z } from 'zod';
import {
  SIMULATED_PAYMENT_PATH,
  startPortalSimulator,
  type PortalSimulator,
} from '../../platform/dev/portal-simulator';
import { createPaymentPlatformClient, PaymentPlatformError } from '../../platform/payment/client';
import { stateQuery } from '../../workflows/messages';
import { startTestStack, type TestStack } from '../harness/stack';
import { as, bodyOf, errorOf, eventually, itemsOf, submission, type Body } from './support';

let simulator: PortalSimulator;
let stack: TestStack;
let api: Server;
beforeAll(async () => {
  simulator = await startPortalSimulator();
  stack = await startTestStack({ portal: simulator });
  // The platform calls MotCua back over HTTP, so the API listens here.
  api = stack.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => api.once('listening', resolve));
  const { port } = api.address() as AddressInfo;
  simulator.paymentCallbackUrl = `http://127.0.0.1:${port}/api/v1/portal/payment/callback`;
});
afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
  await stack.stop();
  await simulator.stop();
});

/** A land dossier handled up to the tax office's fee demand, and its running workflow. */
async function awaitingPayment() {
  const { code } = await submission(stack, '1.013978');
  const act = async (user: string, action: string, body: Body = {}) => {
    const res = await as(stack, user).post(`/dossiers/${code}/${action}`, body, randomUUID());
    expect(res.status).toBe(200);
  };
  await act('commune.receiver', 'accept');
  await act('commune.specialist', 'complete-step', { stepId: 'verify' });
  await act('land.specialist', 'complete-step', { stepId: 'cadastre' });
  await act('tax.specialist', 'request-payment', { amountVnd: 1_250_000, reason: 'Lệ phí trước bạ' });
  const dossier = stack.client.workflow.getHandle(code);
  // INIT: the transaction is kept with the demand, and the citizen gets its page.
  const transaction = await eventually(async () => {
    const { payment } = await dossier.query(stateQuery);
    expect(payment?.transaction).toBeDefined();
    return payment!.transaction!;
  });
  return { code, dossier, transaction };
}

const paymentMessages = (code: string) =>
  eventually(async () => {
    const list = await as(stack, 'commune.receiver').get(`/dossiers/${code}/notifications?pageSize=100`);
    const sent = itemsOf(list, z.object({ occasion: z.string() })).filter(
      (n) => n.occasion === 'payment_link',
    );
    expect(sent.length).toBeGreaterThan(0);
    return sent;
  });

const PaymentView = z.object({ paymentUrl: z.string().nullable() });
/** The payment page as the clerk's dossier view and the citizen's tracking view show it. */
const shownPaymentUrl = async (code: string) => {
  const detail = bodyOf(await as(stack, 'commune.receiver').get(`/dossiers/${code}`), PaymentView);
  const tracking = bodyOf(await as(stack).get(`/public/dossiers/${code}`), PaymentView);
  expect(tracking.paymentUrl).toBe(detail.paymentUrl);
  return detail.paymentUrl;
};

const confirmations = async (code: string) =>
  (await stack.client.workflow.getHandle(code).query(stateQuery)).events.filter(
    (e) => e.action === 'confirmPayment',
  );

test("paid on the platform's page: its callback moves the dossier on, once however often it comes", async () => {
  const { code, dossier, transaction } = await awaitingPayment();
  await paymentMessages(code);
  await eventually(async () => expect(await shownPaymentUrl(code)).toBe(transaction.paymentUrl));
  const opened = simulator.transactions.get(transaction.id)!;
  expect(opened.init).toMatchObject({ MaHoSo: code, SoTien: '1250000', MaDoiTac: 'MOTCUA' });
  expect(transaction.paymentUrl).toContain(encodeURIComponent(transaction.id));

  // The citizen opens the page and pays; the platform posts its signed callback.
  expect((await fetch(transaction.paymentUrl)).status).toBe(200);
  const paid = await eventually(async () => {
    const state = await dossier.query(stateQuery);
    expect(state.status).toBe('processing');
    return state;
  });
  expect(paid.payment).toMatchObject({ reference: transaction.id, online: true });
  // The platform repeats its callback, as platforms do when unsure it arrived: nothing changes.
  expect(await simulator.pay(transaction.id)).toBe(200);
  expect(await simulator.pay(transaction.id)).toBe(200);
  expect(await confirmations(code)).toHaveLength(1);
  expect((await dossier.query(stateQuery)).version).toBe(paid.version);
  // Paid, the page is no longer offered.
  await eventually(async () => expect(await shownPaymentUrl(code)).toBeNull());
  // The payment flag reaches the portal with the next record.
  await eventually(async () => expect(simulator.dossiers.get(code)?.DuocThanhToanTrucTuyen).toBe('1'));
});

test('paid with no callback: a query of the platform finds it and confirms it once', async () => {
  simulator.sendPaymentCallbacks = false;
  try {
    const { code, dossier, transaction } = await awaitingPayment();
    expect(await simulator.pay(transaction.id)).toBeUndefined();
    const paid = await eventually(async () => {
      const state = await dossier.query(stateQuery);
      expect(state.status).toBe('processing');
      return state;
    }, 30_000);
    expect(paid.payment).toMatchObject({ reference: transaction.id, online: true });
    const queries = simulator.calls.filter(
      (c) =>
        c.path === SIMULATED_PAYMENT_PATH &&
        c.body.LoaiBanTin === 'QUERY' &&
        c.body.MaGiaoDich === transaction.id,
    );
    expect(queries.length).toBeGreaterThan(0);
    // The callback the platform finally sends finds the dossier paid.
    simulator.sendPaymentCallbacks = true;
    expect(await simulator.pay(transaction.id)).toBe(200);
    expect(await confirmations(code)).toHaveLength(1);
  } finally {
    simulator.sendPaymentCallbacks = true;
  }
});

test('INIT is idempotent on the demand, and a partner with the wrong secret is refused', async () => {
  const connection = {
    url: simulator.url + SIMULATED_PAYMENT_PATH,
    partnerCode: 'MOTCUA',
    secret: simulator.paymentSecret,
    timeoutMs: 2_000,
  };
  const demand = {
    reference: `demand-${randomUUID()}`,
    dossierCode: 'X-1',
    amountVnd: 50_000,
    description: 'Lệ phí',
  };
  const client = createPaymentPlatformClient(connection);
  const first = await client.init(demand);
  expect(await client.init(demand)).toEqual(first);
  expect(await client.query(first.transactionId)).toEqual({ paid: false });

  const forger = createPaymentPlatformClient({ ...connection, secret: 'not-the-secret' });
  await expect(forger.init(demand)).rejects.toThrow(PaymentPlatformError);
});

test('a callback with a bad checksum is refused and logged, and the dossier still waits', async () => {
  const { code, dossier, transaction } = await awaitingPayment();
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
  const logged = { ...stack, app: stack.appWith({ logger }) };
  const forged = {
    ...simulator.paymentCallback({
      MaGiaoDich: transaction.id,
      MaHoSo: code,
      SoTien: '1250000',
      MaLoi: '00',
      ThoiGianThanhToan: '20261127100000',
    }),
    SoTien: '1',
  };
  const refused = await as(logged).post('/portal/payment/callback', forged);
  expect({ status: refused.status, code: errorOf(refused).code }).toEqual({
    status: 403,
    code: 'PAYMENT_CHECKSUM_MISMATCH',
  });
  expect(lines.join('')).toMatch(/payment callback with a bad checksum refused/);
  expect(lines.join('')).toContain(code);
  expect((await dossier.query(stateQuery)).status).toBe('awaiting_payment');
});
