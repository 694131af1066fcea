/**
 * A simulator of the national public service portal (Cổng Dịch vụ công quốc gia) on loopback, for the
 * embedded stack and the tests: the real portal cannot be reached from a development machine. It speaks
 * the portal's transport, keeps the dossiers and progress entries it accepts, records every call, and can
 * be told to misbehave as the real one does: down, too slow, refusing sessions. It also plays the national
 * payment platform: `INIT` and `QUERY` with checksums, a payment page, and the result callback (or none).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalogueEntryOf, type PortalCatalogueProcedure } from '../../domain/portal/catalogue';
import { portalDate, type PortalDossierRecord, type PortalProgressEntry } from '../../domain/portal/record';
import {
  callbackValues,
  PAYMENT_INIT_FIELDS,
  PAYMENT_INIT_REPLY_FIELDS,
  PAYMENT_QUERY_FIELDS,
  PAYMENT_QUERY_REPLY_FIELDS,
  PAYMENT_SUCCEEDED,
  signedValues,
  TRANSACTION_PAID,
  type PaymentCallback,
  type PaymentInit,
  type PaymentQuery,
} from '../../domain/portal/payment';
import type { PortalRatingSummary } from '../../domain/portal/ratings';
import type { Procedure } from '../../domain/procedure';
import { checksumMatches, paymentChecksum } from '../payment/checksum';
import {
  CHANGE_HEADER,
  PORTAL_PATHS,
  PORTAL_SERVICES,
  type PortalAnswer,
} from '../../domain/portal/transport';

/** How the simulator answers: as a healthy portal, an unreachable one, one that never answers, or one that has forgotten every session. */
export type PortalBehaviour = 'normal' | 'down' | 'timeout' | 'refuse-session';

export interface ReceivedCall {
  path: string;
  service?: string;
  /** The change marker header, when the caller sent one. */
  change?: string;
  body: Record<string, unknown>;
  answer?: PortalAnswer;
  /** The caller hung up before a slow answer: the call was dropped, not applied. */
  abandoned?: boolean;
  at: Date;
}

export interface PortalSimulatorOptions {
  port?: number;
  username?: string;
  password?: string;
  catalogue?: PortalCatalogueProcedure[];
  paymentSecret?: string;
}

export interface PortalSimulator {
  url: string;
  username: string;
  password: string;
  /** Every call, in the order received, with the answer given (none while timing out or down). */
  calls: ReceivedCall[];
  dossiers: Map<string, PortalDossierRecord>;
  progress: Map<string, PortalProgressEntry[]>;
  /** The monthly rating summaries received, by month (`YYYY-MM`). */
  ratings: Map<string, PortalRatingSummary>;
  behaviour: PortalBehaviour;
  /**
   * How long each answer takes. A call is applied when it is answered; one whose caller has hung up by
   * then is dropped unapplied, as a portal that commits with its answer does (see the README).
   */
  delayMs: number;
  /** `TraCuuHoSo` answers "unknown" for every dossier, as a lagging portal index does. */
  staleLookups: boolean;
  /** Services answered with an error, as a portal rejecting one kind of call does. */
  refusing: Set<string>;
  /** The partner secret the payment platform signs its messages with. */
  paymentSecret: string;
  /** The payment platform's result callback for a transaction, signed as the platform signs it. */
  paymentCallback(message: Omit<PaymentCallback, 'MaXacThuc'>): PaymentCallback;
  /** The payment platform's transactions, by `MaGiaoDich`. */
  transactions: Map<string, SimulatedTransaction>;
  /** Where the platform posts its result callback; unset, or `sendPaymentCallbacks` off, it posts none. */
  paymentCallbackUrl?: string;
  sendPaymentCallbacks: boolean;
  /**
   * The citizen pays the transaction (as opening its payment page does): it is marked paid and, unless
   * told not to, the platform posts its signed callback; resolves with the callback's HTTP status.
   */
  pay(transactionId: string): Promise<number | undefined>;
  stop: () => Promise<void>;
}

/** The simulator's address of the national payment platform's `INIT` and `QUERY`. */
export const SIMULATED_PAYMENT_PATH = '/payment';
const PAYMENT_PAGE_PATH = '/payment/pay/';

export interface SimulatedTransaction {
  id: string;
  init: PaymentInit;
  paidAt?: Date;
}

/**
 * A catalogue for the simulator built from the shipped procedures, with one deliberate difference (the
 * first nationally coded procedure's deadline a day longer) so that a catalogue check has something to show.
 */
export function catalogueWithOneDifference(procedures: readonly Procedure[]): PortalCatalogueProcedure[] {
  const coded = procedures.filter((p) => p.nationalCode !== undefined);
  return coded.map((p, i) =>
    catalogueEntryOf(i === 0 ? { ...p, deadline: { ...p.deadline, amount: p.deadline.amount + 1 } } : p),
  );
}

export async function startPortalSimulator(options: PortalSimulatorOptions = {}): Promise<PortalSimulator> {
  const username = options.username ?? 'motcua';
  const password = options.password ?? 'simulator';
  const catalogue = new Map((options.catalogue ?? []).map((p) => [p.maTTHC, p]));
  const sessions = new Set<string>();
  const held = new Set<http.ServerResponse>();

  const answerCall = (path: string, body: Record<string, unknown>): PortalAnswer => {
    if (path === PORTAL_PATHS.login) {
      if (body.username !== username || body.password !== password) {
        return { error_code: -1, message: 'Sai tên đăng nhập hoặc mật khẩu' };
      }
      const session = randomUUID();
      sessions.add(session);
      return { error_code: 0, session };
    }
    if (typeof body.session !== 'string' || !sessions.has(body.session)) {
      return { error_code: -1, message: 'Phiên làm việc không hợp lệ hoặc đã hết hạn' };
    }
    if (typeof body.madonvi !== 'string' || body.madonvi === '') {
      return { error_code: -1, message: 'Thiếu mã đơn vị' };
    }
    if (simulator.refusing.has(String(body.service))) {
      return { error_code: -1, message: `Dịch vụ ${String(body.service)} tạm thời không xử lý được` };
    }
    switch (body.service) {
      case PORTAL_SERVICES.syncDossier:
        return syncDossier(body);
      case PORTAL_SERVICES.addProgress: {
        const entries = (body.data ?? []) as PortalProgressEntry[];
        for (const entry of entries) {
          if (!simulator.dossiers.has(entry.MaHoSo)) {
            return { error_code: -1, message: `Không tìm thấy hồ sơ ${entry.MaHoSo}` };
          }
        }
        for (const entry of entries) {
          simulator.progress.set(entry.MaHoSo, [...(simulator.progress.get(entry.MaHoSo) ?? []), entry]);
        }
        return { error_code: 0 };
      }
      case PORTAL_SERVICES.lookUpDossier: {
        const record = simulator.staleLookups ? undefined : simulator.dossiers.get(String(body.mahoso));
        return { error_code: 0, data: record ? [record] : [] };
      }
      case PORTAL_SERVICES.getProcedure: {
        const procedure = catalogue.get(String(body.maTTHC));
        return procedure
          ? { error_code: 0, data: procedure }
          : { error_code: -1, message: 'Không tìm thấy thủ tục' };
      }
      case PORTAL_SERVICES.syncRatings:
        return syncRatings(body);
      default:
        return { error_code: -1, message: `Dịch vụ không hỗ trợ: ${String(body.service)}` };
    }
  };

  const syncDossier = (body: Record<string, unknown>): PortalAnswer => {
    const updating = body.isUpdating === 'True';
    if (!updating && body.isUpdating !== 'False')
      return { error_code: -1, message: 'isUpdating phải là "True" hoặc "False"' };
    const records = (body.data ?? []) as PortalDossierRecord[];
    for (const record of records) {
      const known = simulator.dossiers.has(record.MaHoSo);
      if (!updating && known) return { error_code: 3, message: `Hồ sơ ${record.MaHoSo} đã tồn tại` };
      if (updating && !known) return { error_code: -1, message: `Không tìm thấy hồ sơ ${record.MaHoSo}` };
    }
    for (const record of records) simulator.dossiers.set(record.MaHoSo, record);
    return { error_code: 0 };
  };

  const answerPayment = (path: string, body: Record<string, unknown>, res: http.ServerResponse) => {
    if (path.startsWith(PAYMENT_PAGE_PATH)) {
      const id = decodeURIComponent(path.slice(PAYMENT_PAGE_PATH.length));
      const known = simulator.transactions.has(id);
      void (known ? simulator.pay(id) : Promise.resolve()).finally(() =>
        res
          .writeHead(known ? 200 : 404, { 'content-type': 'text/plain; charset=utf-8' })
          .end(known ? `Đã thanh toán giao dịch ${id} (mô phỏng)` : 'Không tìm thấy giao dịch'),
      );
      return;
    }
    const reply = paymentReply(body as Record<string, string>);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply));
  };

  const signed = <F extends readonly string[]>(fields: F, message: Record<F[number], string>) => ({
    ...message,
    MaXacThuc: paymentChecksum(signedValues(fields, message), simulator.paymentSecret),
  });
  const refused = (MaLoi: string) => ({ MaLoi });

  const paymentReply = (body: Record<string, string>): Record<string, string> => {
    const verified = (fields: readonly string[]) =>
      checksumMatches(
        fields.map((f) => String(body[f] ?? '')),
        simulator.paymentSecret,
        String(body.MaXacThuc ?? ''),
      );
    if (body.LoaiBanTin === 'INIT') {
      if (!verified(PAYMENT_INIT_FIELDS)) return refused('05');
      const init = Object.fromEntries(PAYMENT_INIT_FIELDS.map((f) => [f, body[f]])) as PaymentInit;
      // One transaction per partner reference, however often it is asked for.
      const found = [...simulator.transactions.values()].find(
        (t) => t.init.MaThamChieu === init.MaThamChieu && t.init.MaDoiTac === init.MaDoiTac,
      );
      const transaction = found ?? { id: `GD-${randomUUID()}`, init };
      simulator.transactions.set(transaction.id, transaction);
      return signed(PAYMENT_INIT_REPLY_FIELDS, {
        MaLoi: PAYMENT_SUCCEEDED,
        MaGiaoDich: transaction.id,
        UrlThanhToan: `${simulator.url}${PAYMENT_PAGE_PATH}${encodeURIComponent(transaction.id)}`,
      });
    }
    if (body.LoaiBanTin === 'QUERY') {
      if (!verified(PAYMENT_QUERY_FIELDS)) return refused('05');
      const { MaGiaoDich } = body as PaymentQuery;
      const transaction = simulator.transactions.get(MaGiaoDich);
      if (!transaction) return refused('01');
      return signed(PAYMENT_QUERY_REPLY_FIELDS, {
        MaLoi: PAYMENT_SUCCEEDED,
        MaGiaoDich,
        TrangThai: transaction.paidAt ? TRANSACTION_PAID : '0',
        SoTien: transaction.init.SoTien,
        ThoiGianThanhToan: transaction.paidAt ? portalDate(transaction.paidAt.toISOString()) : '',
      });
    }
    return refused('99');
  };

  // A month sent again replaces the one before, as a portal keyed on the unit and the month would.
  const syncRatings = (body: Record<string, unknown>): PortalAnswer => {
    const summaries = (Array.isArray(body.data) ? body.data : []) as PortalRatingSummary[];
    if (
      summaries.length === 0 ||
      summaries.some((r) => !r.Thang || !r.Nam || !Array.isArray(r.DanhSachTieuChi))
    ) {
      return { error_code: -1, message: 'Thiếu tháng, năm hoặc danh sách tiêu chí đánh giá' };
    }
    for (const summary of summaries) simulator.ratings.set(`${summary.Nam}-${summary.Thang}`, summary);
    return { error_code: 0 };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        body = {};
      }
      const call: ReceivedCall = {
        path: req.url ?? '',
        service: typeof body.service === 'string' ? body.service : undefined,
        change: req.headers[CHANGE_HEADER] as string | undefined,
        body,
        at: new Date(),
      };
      simulator.calls.push(call);
      if (call.path === SIMULATED_PAYMENT_PATH || call.path.startsWith(PAYMENT_PAGE_PATH)) {
        answerPayment(call.path, body, res);
        return;
      }
      if (simulator.behaviour === 'down') {
        res.writeHead(503).end();
        return;
      }
      if (simulator.behaviour === 'timeout') {
        // Nothing is done and nothing answered: the caller's own timeout must give up.
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      }
      if (simulator.behaviour === 'refuse-session') {
        sessions.clear();
        simulator.behaviour = 'normal';
      }
      const answer = () => {
        call.answer = answerCall(call.path, body);
        res
          .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
          .end(JSON.stringify(call.answer));
      };
      if (simulator.delayMs === 0) {
        answer();
        return;
      }
      held.add(res);
      const timer = setTimeout(() => {
        held.delete(res);
        answer();
      }, simulator.delayMs);
      res.on('close', () => {
        if (call.answer !== undefined) return;
        clearTimeout(timer);
        held.delete(res);
        call.abandoned = true;
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const simulator: PortalSimulator = {
    url: `http://127.0.0.1:${port}`,
    username,
    password,
    calls: [],
    dossiers: new Map(),
    progress: new Map(),
    ratings: new Map(),
    behaviour: 'normal',
    delayMs: 0,
    staleLookups: false,
    refusing: new Set(),
    paymentSecret: options.paymentSecret ?? 'simulator-payment',
    paymentCallback(message) {
      return { ...message, MaXacThuc: paymentChecksum(callbackValues(message), this.paymentSecret) };
    },
    transactions: new Map(),
    sendPaymentCallbacks: true,
    async pay(transactionId) {
      const transaction = this.transactions.get(transactionId);
      if (!transaction) throw new Error(`no transaction ${transactionId}`);
      transaction.paidAt ??= new Date();
      if (!this.sendPaymentCallbacks || !this.paymentCallbackUrl) return undefined;
      const res = await fetch(this.paymentCallbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(
          this.paymentCallback({
            MaGiaoDich: transaction.id,
            MaHoSo: transaction.init.MaHoSo,
            SoTien: transaction.init.SoTien,
            MaLoi: PAYMENT_SUCCEEDED,
            ThoiGianThanhToan: portalDate(transaction.paidAt.toISOString()),
          }),
        ),
      });
      return res.status;
    },
    stop: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return simulator;
}
