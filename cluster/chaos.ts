/**
 * The chaos run's core: whole dossier lives driven through every API process of a running cluster, as a
 * real client would (the same Idempotency-Key on every retry, the other API when one does not answer),
 * while workers are SIGKILLed, API processes are SIGKILLed and the Temporal server is restarted. At the
 * end it checks every dossier's end state, the read model against the workflow's own state, and every
 * e-mail at the sink by Message-ID. `npm run chaos` runs it on the cluster, tests/deploy on the dev server.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { z } from 'zod';
import type { Logger } from '../platform/config/logger';
import { openDatabase, type Db } from '../platform/database/client';
import { findDossier } from '../platform/database/repositories/dossiers';
import { notificationPage } from '../platform/database/repositories/outbox';
import { encryptedDataConverter, parsePayloadKeys } from '../platform/temporal/encryption';
import { lastWorkingMorning } from '../domain/calendar';
import { stateQuery } from '../workflows/messages';
import type { Cluster, Service } from './cluster';
import { replayEveryHistory, type ReplayFigures } from './replay-check';

const DEMO = '0.000001';
const HOUSEHOLD = '1.001612';
const PASSWORD = 'demo';
const APPLICANT = {
  fullName: 'Nguyễn Văn Chaos',
  idNumber: '001099054321',
  phone: '0912000111',
  email: 'chaos@example.vn',
};
const DOCUMENTS = [{ name: 'Đơn đề nghị (minh họa)', form: 'original', quantity: 1 }];
/** A request no API has answered within this long fails the life. */
const REQUEST_DEADLINE_MS = 10 * 60_000;

export interface ChaosOptions {
  cluster: Cluster;
  lives: number;
  /** Lives in flight at once. */
  concurrency: number;
  /** How many of each disruption, at random moments of the run. */
  disruptions: { workerKills: number; apiKills: number; temporalRestarts: number };
  logger: Logger;
  /** Where the histories that do not replay are saved. */
  failedHistoriesDir: string;
}

export interface ChaosFigures {
  lives: number;
  livesFailed: string[];
  seconds: number;
  byKind: Record<string, number>;
  disruptions: { kind: string; service: string; atSecond: number; seconds: number }[];
  wrongEndState: string[];
  readModelDiffers: string[];
  /** Dossiers whose read model differed when the lives ended and agreed within `SETTLE_SECONDS`. */
  readModelLate: number;
  notifications: {
    expected: number;
    atSink: number;
    missing: string[];
    /** Copies beyond the first under one Message-ID. */
    duplicates: number;
    /** At the sink, but no outbox row of the lives names their Message-ID: the file and subject of each. */
    unexpected: string[];
    notSent: string[];
    occasionsMissing: string[];
  };
  /** One whole life of each kind: its workflow history's events and encoded bytes. */
  history: Record<string, { events: number; bytes: number }>;
  /** Every workflow run's history replayed against the current code. */
  replay: ReplayFigures;
  unavailable: { count: number; seconds: number };
  otherServerErrors: string[];
  connectionFailures: number;
  inProgressRetries: number;
}

/**
 * Whether every check of the run holds. A second copy under the same Message-ID is no failure: it is the
 * one window the outbox leaves (a worker killed after the relay accepted, before 'sent' was written),
 * and mail clients fold it into the first; the figures count such copies.
 */
export function chaosPassed(f: ChaosFigures): boolean {
  const n = f.notifications;
  return (
    f.livesFailed.length === 0 &&
    f.wrongEndState.length === 0 &&
    f.readModelDiffers.length === 0 &&
    n.missing.length + n.unexpected.length + n.notSent.length + n.occasionsMissing.length === 0 &&
    f.otherServerErrors.length === 0 &&
    f.replay.failures.length === 0
  );
}

interface Life {
  kind: string;
  /** The end the dossier must reach. */
  status: 'returned' | 'withdrawn';
  /** Occasions the citizen must have been e-mailed about. */
  occasions: string[];
  run(client: ApiClient): Promise<string>;
}

type Act = (user: string, action: string, body?: object) => Promise<void>;

async function receive(client: ApiClient, procedureCode: string, extra: object = {}): Promise<[string, Act]> {
  const receiver = procedureCode === DEMO ? 'centre.receiver' : 'commune.receiver';
  const body = { procedureCode, channel: 'counter', applicant: APPLICANT, documents: DOCUMENTS, ...extra };
  const { code } = z.object({ code: z.string() }).parse(await client.post(receiver, '/dossiers', body));
  const act: Act = async (user, action, actBody = {}) => {
    await client.post(user, `/dossiers/${code}/${action}`, actBody);
  };
  return [code, act];
}

/** Review, the two consultations in parallel, approval and return of a demo dossier. */
async function demoSteps(act: Act): Promise<void> {
  await act('justice.specialist', 'complete-step', { stepId: 'review' });
  await Promise.all([
    act('land.specialist', 'complete-step', { stepId: 'land-opinion' }),
    act('construction.specialist', 'complete-step', { stepId: 'construction-opinion' }),
  ]);
  await act('justice.leader', 'approve', { note: 'Đồng ý' });
  await act('centre.receiver', 'return-result', { method: 'counter' });
}

/** A demo dossier received with `extra` and taken through every step to its return. */
function demoLife(kind: string, extra: () => object): Life {
  return {
    kind,
    status: 'returned',
    occasions: ['received', 'returned', 'rating_invitation'],
    async run(client) {
      const [code, act] = await receive(client, DEMO, extra());
      await demoSteps(act);
      return code;
    },
  };
}

/** The mix, in turn: plain, supplemented, overdue, extended (working calendar) and withdrawn lives. */
const LIVES: Life[] = [
  demoLife('demo', () => ({})),
  {
    kind: 'demo with supplement',
    status: 'returned',
    occasions: ['received', 'supplement_requested', 'returned', 'rating_invitation'],
    async run(client) {
      const [code, act] = await receive(client, DEMO);
      await act('justice.specialist', 'request-supplement', {
        reason: 'Thiếu bản vẽ',
        documents: ['Bản vẽ hiện trạng'],
      });
      await act('centre.receiver', 'supplement', {
        documents: [{ name: 'Bản vẽ hiện trạng', form: 'copy' }],
      });
      await demoSteps(act);
      return code;
    },
  },
  // Received an hour ago: the 30-minute deadline has passed, the overdue path runs at once.
  demoLife('demo overdue', () => ({ receivedAt: new Date(Date.now() - 3_600_000).toISOString() })),
  {
    kind: 'household extended',
    status: 'returned',
    occasions: ['received', 'extended', 'returned', 'rating_invitation'],
    async run(client) {
      const [code, act] = await receive(client, HOUSEHOLD, {
        receivedAt: lastWorkingMorning(new Date()).toISOString(),
      });
      await act('commune.specialist', 'complete-step', { stepId: 'review' });
      const newDueAt = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
      await act('commune.leader', 'extend', { reason: 'Cần xác minh thêm', newDueAt });
      await act('commune.leader', 'approve', {});
      await act('commune.receiver', 'return-result', { method: 'electronic' });
      return code;
    },
  },
  {
    kind: 'demo withdrawn',
    status: 'withdrawn',
    occasions: ['received', 'withdrawn'],
    async run(client) {
      const [code, act] = await receive(client, DEMO);
      await act('justice.specialist', 'complete-step', { stepId: 'review' });
      await act('centre.receiver', 'withdraw', { reason: 'Công dân rút hồ sơ' });
      return code;
    },
  },
];

const ErrorBody = z.object({ error: z.object({ code: z.string() }) });

/** POSTs as a real client: one Idempotency-Key per request, kept across retries and across APIs. */
class ApiClient {
  readonly unavailableAt: number[] = [];
  readonly otherServerErrors: string[] = [];
  connectionFailures = 0;
  inProgressRetries = 0;
  private readonly tokens = new Map<string, Promise<string>>();
  private turn = 0;

  constructor(private readonly baseUrls: string[]) {}

  async post(user: string, apiPath: string, body: object): Promise<unknown> {
    const key = randomUUID();
    const deadline = Date.now() + REQUEST_DEADLINE_MS;
    for (;;) {
      if (Date.now() > deadline)
        throw new Error(`POST ${apiPath}: no answer within ${REQUEST_DEADLINE_MS} ms`);
      const base = this.baseUrls[this.turn++ % this.baseUrls.length];
      let response: Response;
      try {
        response = await fetch(`${base}/api/v1${apiPath}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await this.token(user)}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
      } catch {
        // The API process died or is starting: the other one answers the same key.
        this.connectionFailures += 1;
        await pause(250);
        continue;
      }
      const answer: unknown = await response.json().catch(() => undefined);
      if (response.ok) return answer;
      if (response.status === 503) {
        this.unavailableAt.push(Date.now());
        await pause(500);
        continue;
      }
      const code = ErrorBody.safeParse(answer).data?.error.code;
      if (response.status === 409 && code === 'IDEMPOTENCY_KEY_IN_PROGRESS') {
        // The first attempt died with its API; its reservation goes stale, then this one takes over.
        this.inProgressRetries += 1;
        await pause(2_000);
        continue;
      }
      if (response.status >= 500) {
        this.otherServerErrors.push(`${response.status} ${code ?? ''} POST ${apiPath}`);
        await pause(500);
        continue;
      }
      throw new Error(`POST ${apiPath} as ${user}: ${response.status} ${JSON.stringify(answer)}`);
    }
  }

  private token(user: string): Promise<string> {
    let token = this.tokens.get(user);
    if (!token) {
      token = this.login(user);
      this.tokens.set(user, token);
    }
    return token;
  }

  private async login(username: string): Promise<string> {
    for (;;) {
      const base = this.baseUrls[this.turn++ % this.baseUrls.length];
      const response = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      }).catch(() => undefined);
      if (response?.ok) return z.object({ token: z.string() }).parse(await response.json()).token;
      if (response && response.status < 500) throw new Error(`login ${username}: ${response.status}`);
      await pause(250);
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Seconds covered by 503s: answers less than 5 s apart belong to one outage. */
function outageSeconds(at: number[]): number {
  const sorted = [...at].sort((a, b) => a - b);
  let total = 0;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i] - sorted[i - 1];
    if (gap < 5_000) total += gap;
  }
  return total / 1000;
}

export async function runChaos(opts: ChaosOptions): Promise<ChaosFigures> {
  const { cluster, logger } = opts;
  const client = new ApiClient(cluster.apiUrls);
  const started = Date.now();
  const byKind: Record<string, number> = {};
  const livesFailed: string[] = [];
  const done: { code: string; life: Life }[] = [];
  let next = 0;

  // Each disruption waits for its moment: a random share of the lives started, between 10 % and 80 %.
  const plan: { kind: string; at: number; pick: () => Service; act: (s: Service) => Promise<void> }[] = [
    ...Array.from({ length: opts.disruptions.workerKills }, () => ({
      kind: 'worker SIGKILL',
      pick: () => cluster.workers[Math.floor(Math.random() * cluster.workers.length)],
      act: (s: Service) => s.crash(),
    })),
    ...Array.from({ length: opts.disruptions.apiKills }, () => ({
      kind: 'API SIGKILL',
      pick: () => cluster.apis[Math.floor(Math.random() * cluster.apis.length)],
      act: (s: Service) => s.crash(),
    })),
    ...Array.from({ length: opts.disruptions.temporalRestarts }, () => ({
      kind: 'Temporal restart',
      pick: () => cluster.temporal,
      act: (s: Service) => s.restart(),
    })),
  ]
    .map((d) => ({ ...d, at: Math.floor(opts.lives * (0.1 + 0.7 * Math.random())) }))
    .sort((a, b) => a.at - b.at);
  const disruptions: ChaosFigures['disruptions'] = [];
  let livesEnded = false;
  const chaos = (async () => {
    for (const d of plan) {
      while (next < d.at && !livesEnded) await pause(200);
      if (livesEnded) return;
      const target = d.pick();
      const t0 = Date.now();
      logger.info({ kind: d.kind, service: target.name }, 'chaos: disrupting');
      await d.act(target);
      disruptions.push({
        kind: d.kind,
        service: target.name,
        atSecond: Math.round((t0 - started) / 1000),
        seconds: (Date.now() - t0) / 1000,
      });
    }
  })();

  const lane = async () => {
    while (next < opts.lives) {
      const life = LIVES[next++ % LIVES.length];
      byKind[life.kind] = (byKind[life.kind] ?? 0) + 1;
      try {
        done.push({ code: await life.run(client), life });
      } catch (error) {
        livesFailed.push(`${life.kind}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  livesEnded = true;
  await chaos;
  const seconds = (Date.now() - started) / 1000;
  logger.info({ lives: done.length, seconds }, 'chaos: lives done, checking');

  const database = await openDatabase(cluster.databaseUrl);
  const connection = await Connection.connect({ address: cluster.temporalAddress });
  try {
    const dataConverter = encryptedDataConverter(
      parsePayloadKeys(cluster.payloadKeys, 'MOTCUA_PAYLOAD_KEYS'),
    );
    const temporal = new Client({ connection, namespace: cluster.namespace, dataConverter });
    const states = await checkStates(database.prisma, temporal, done);
    const notifications = await checkNotifications(database.prisma, cluster.mailDir, done);
    const history: ChaosFigures['history'] = {};
    for (const { code, life } of done) {
      if (history[life.kind]) continue;
      const events = await temporal.workflow.getHandle(code).fetchHistory();
      history[life.kind] = {
        events: events.events?.length ?? 0,
        bytes: proto.api.history.v1.History.encode(events).finish().byteLength,
      };
    }
    const replay = await replayEveryHistory(
      temporal,
      { dataConverter, workflowsPath: require.resolve('../workflows') },
      opts.failedHistoriesDir,
    );
    return {
      lives: done.length,
      livesFailed,
      seconds,
      byKind,
      disruptions,
      ...states,
      notifications,
      history,
      replay,
      unavailable: { count: client.unavailableAt.length, seconds: outageSeconds(client.unavailableAt) },
      otherServerErrors: client.otherServerErrors,
      connectionFailures: client.connectionFailures,
      inProgressRetries: client.inProgressRetries,
    };
  } finally {
    await connection.close();
    await database.close();
  }
}

/**
 * Each dossier at its expected end, and the read model saying what the workflow itself says. The read
 * model follows in the background and may still be catching up (a projection on a killed worker is
 * retried once its 30 s run times out), so differing rows are read again until they agree or `settle`
 * gives up; those that agreed only then are counted as late.
 */
async function checkStates(db: Db, temporal: Client, done: { code: string; life: Life }[]) {
  const wrongEndState: string[] = [];
  const own = new Map<string, string>();
  for (const { code, life } of done) {
    // A workflow that cannot answer (a replay that fails, say) is a finding to print, not the run's end.
    const state = await temporal.workflow
      .getHandle(code)
      .query(stateQuery)
      .catch((error: unknown) => {
        wrongEndState.push(`${code} (${life.kind}): no state: ${String(error)}`);
        return undefined;
      });
    if (!state) continue;
    if (state.status !== life.status) wrongEndState.push(`${code} (${life.kind}): ${state.status}`);
    own.set(
      code,
      comparable({
        status: state.status,
        substate: state.substate,
        overdue: state.overdue,
        extensionCount: state.extensionCount,
        supplementCount: state.supplementCount,
        dueAt: state.dueAt && new Date(state.dueAt).toISOString(),
        steps: state.steps.map((s) => ({ id: s.id, state: s.state })),
      }),
    );
  }
  const differing = async (codes: Iterable<string>) => {
    const differs = new Map<string, string>();
    for (const code of codes) {
      const row = await findDossier(db, code);
      const projected = comparable({
        status: row?.statusKey,
        substate: row?.substate ?? undefined,
        overdue: row?.overdue,
        extensionCount: row?.extensionCount,
        supplementCount: row?.supplementCount,
        dueAt: row?.dueAt?.toISOString(),
        steps: z.array(z.object({ id: z.string(), state: z.string() })).parse(row?.steps ?? []),
      });
      if (projected !== own.get(code)) differs.set(code, `${code}: ${projected} != ${own.get(code)}`);
    }
    return differs;
  };
  const first = await differing(own.keys());
  const last = await settle(
    () => differing(first.keys()),
    (differs) => differs.size === 0,
  );
  return { wrongEndState, readModelDiffers: [...last.values()], readModelLate: first.size - last.size };
}

/** The fields the read model and the workflow both hold, as one string to compare. */
function comparable(s: {
  status?: string;
  substate?: string;
  overdue?: boolean;
  extensionCount?: number;
  supplementCount?: number;
  dueAt?: string;
  steps: { id: string; state: string }[];
}): string {
  return JSON.stringify({ ...s, steps: s.steps.map((x) => `${x.id}:${x.state}`) });
}

/** How long the checks wait for what follows in the background (the read model, the outbox) to settle. */
const SETTLE_SECONDS = 600;

/** `read()` again every 2 s until `settled` or `SETTLE_SECONDS` have passed; the last reading. */
async function settle<T>(read: () => Promise<T>, settled: (reading: T) => boolean): Promise<T> {
  let reading = await read();
  for (let waited = 0; !settled(reading) && waited < SETTLE_SECONDS; waited += 2) {
    await pause(2_000);
    reading = await read();
  }
  return reading;
}

/**
 * The e-mails at the sink: how many copies under each Message-ID, and the file and subject of one. Each
 * file is read once (an .eml does not change once named), so that reading again while the outbox drains
 * does not hold up the event loop the sink itself answers on when it runs in this process.
 */
function sinkReader(mailDir: string) {
  const files = new Map<string, { id: string; seen: string }>();
  return () => {
    // Only whole messages: the sink names a message .eml once it has accepted all of it.
    for (const file of fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml') && !files.has(f))) {
      const text = fs.readFileSync(path.join(mailDir, file), 'utf8');
      files.set(file, {
        id: /^Message-ID:\s*(<[^>]+>)/im.exec(text)?.[1] ?? `(none in ${file})`,
        seen: `${file}: ${/^Subject:\s*(.*)$/im.exec(text)?.[1] ?? ''}`,
      });
    }
    const copies = new Map<string, number>();
    const seen = new Map<string, string>();
    for (const { id, seen: where } of files.values()) {
      copies.set(id, (copies.get(id) ?? 0) + 1);
      seen.set(id, where);
    }
    return { copies, seen };
  };
}

/**
 * Every e-mail the outbox holds as sent is at the sink exactly once, by its Message-ID, and nothing else
 * is. Messages leave after the action that queued them, the last one (the rating invitation) after the
 * return, and a killed worker's may wait for a retry: so it reads the sink, then the outbox, until every
 * expected message is sent and the two agree, and only a disagreement that lasts is reported.
 */
async function checkNotifications(
  db: Db,
  mailDir: string,
  done: { code: string; life: Life }[],
): Promise<ChaosFigures['notifications']> {
  const readSink = sinkReader(mailDir);
  const read = async () => {
    const sink = readSink();
    // A few dossiers at a time: a thousand at once wait past the pool's connection timeout.
    const dossiers = [];
    for (let i = 0; i < done.length; i += 10) {
      dossiers.push(
        ...(await Promise.all(
          done.slice(i, i + 10).map(async ({ code, life }) => ({
            code,
            life,
            rows: (await notificationPage(db, code, { skip: 0, take: 500 })).rows,
          })),
        )),
      );
    }
    const emails = dossiers.flatMap((d) => d.rows).filter((r) => r.channel === 'email');
    const expected = new Set(emails.flatMap((r) => (r.providerMessageId ? [r.providerMessageId] : [])));
    return {
      sink,
      emails,
      expected,
      missing: [...expected].filter((id) => !sink.copies.has(id)),
      unexpected: [...sink.copies.keys()].filter((id) => !expected.has(id)),
      notSent: emails.filter((r) => r.status !== 'sent').map((r) => `${r.idempotencyKey}: ${r.status}`),
      occasionsMissing: dossiers.flatMap(({ code, life, rows }) =>
        life.occasions
          .filter(
            (o) => !rows.some((r) => r.occasion === o && r.channel === 'email' && r.audience === 'citizen'),
          )
          .map((o) => `${code} (${life.kind}): ${o}`),
      ),
    };
  };
  const state = await settle(
    read,
    (r) => r.missing.length + r.unexpected.length + r.notSent.length + r.occasionsMissing.length === 0,
  );
  const { sink } = state;
  return {
    expected: state.expected.size,
    atSink: [...sink.copies.values()].reduce((a, b) => a + b, 0),
    missing: state.missing,
    duplicates: [...sink.copies.values()].reduce((sum, n) => sum + n - 1, 0),
    unexpected: state.unexpected.map((id) => `${id} ${sink.seen.get(id)}`),
    notSent: state.notSent,
    occasionsMissing: state.occasionsMissing,
  };
}

/** The figures as the chaos run prints them. */
export function formatChaos(f: ChaosFigures): string {
  const n = f.notifications;
  const list = (items: string[]) => (items.length ? `\n      ${items.slice(0, 10).join('\n      ')}` : '');
  return [
    `Chaos: ${f.lives} lives in ${f.seconds.toFixed(0)} s (${Object.entries(f.byKind)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')})`,
    `  disruptions        ${f.disruptions.map((d) => `${d.kind} ${d.service} at ${d.atSecond} s (${d.seconds.toFixed(1)} s)`).join('; ')}`,
    `  lives failed       ${f.livesFailed.length}${list(f.livesFailed)}`,
    `  wrong end state    ${f.wrongEndState.length}${list(f.wrongEndState)}`,
    `  read model ≠ flow  ${f.readModelDiffers.length} (${f.readModelLate} caught up after the lives ended)${list(f.readModelDiffers)}`,
    `  e-mails            ${n.expected} sent by the outbox, ${n.atSink} at the sink: ${n.missing.length} missing, ${n.duplicates} second copies under one Message-ID, ${n.unexpected.length} unexpected, ${n.notSent.length} not sent${list([...n.missing, ...n.notSent, ...n.unexpected])}`,
    `  occasions missing  ${n.occasionsMissing.length}${list(n.occasionsMissing)}`,
    `  history per life   ${Object.entries(f.history)
      .map(([kind, h]) => `${kind} ${h.events} events, ${(h.bytes / 1024).toFixed(1)} KiB`)
      .join('; ')}`,
    `  replayed           ${f.replay.replayed} workflow histories, ${f.replay.failures.length} not replaying${list(f.replay.failures)}`,
    `  503 answers        ${f.unavailable.count}, over ${f.unavailable.seconds.toFixed(1)} s`,
    `  other 5xx          ${f.otherServerErrors.length}${list(f.otherServerErrors)}`,
    `  retries            ${f.connectionFailures} on a refused connection, ${f.inProgressRetries} on a key in progress`,
    `  ${chaosPassed(f) ? 'PASSED' : 'FAILED'}`,
  ].join('\n');
}
