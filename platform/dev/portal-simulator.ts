/**
 * A simulator of the national public service portal (Cổng Dịch vụ công quốc gia) on loopback, for the
 * embedded stack and the tests: the real portal cannot be reached from a development machine. It speaks
 * the portal's transport, keeps the dossiers and progress entries it accepts, records every call, and can
 * be told to misbehave as the real one does: down, too slow, refusing sessions.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalogueEntryOf, type PortalCatalogueProcedure } from '../../domain/portal/catalogue';
import type { PortalDossierRecord, PortalProgressEntry } from '../../domain/portal/record';
import type { PortalRatingSummary } from '../../domain/portal/ratings';
import { callbackValues, type PaymentCallback } from '../../domain/portal/payment';
import type { Procedure } from '../../domain/procedure';
import { paymentChecksum } from '../payment/checksum';
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
  stop: () => Promise<void>;
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
    stop: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return simulator;
}
