/**
 * How fast the REST API serves clerks, measured against everything real on loopback: its own Temporal
 * dev server, the product's worker and activities, a migrated and seeded SQLite database, the API on a
 * port. Load comes from a second process, so that the client does not share the server's event loop.
 *
 * 1. Worklist: GET /api/v1/dossiers?pageSize=20 at 100 connections for 10 s (autocannon), over a read
 *    model seeded with WORKLIST_ROWS dossiers, taking turns with plain Express answering the same bytes as a
 *    constant from the same process: the ratio of p99s is the API's own cost. Target: ≤ 1.3×.
 * 2. A clerk action: POST complete-step on ACTION_DOSSIERS dossiers, each once, at 10 connections.
 * 3. Whole dossier lives (receive, four steps, approve, return) per second through the API, beside the
 *    same starts and Updates sent straight to Temporal with the same worker. Target: API ≥ 70 % of bare.
 *
 * Run: npx tsx scripts/bench-api.ts [--worklist-only]   (bounded counts; stops by itself, within WATCHDOG_MS
 * at worst)
 *
 * One file on purpose, over the usual 400 lines: the load process re-runs this script (`load <file>`), so
 * each measurement's server side and client side read together.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import express from 'express';
import { isTemporalUnavailable } from '../api/errors';
import type { CommandName } from '../domain/dossier/commands';
import { prepareDossier } from '../domain/dossier/start';
import type { Actor } from '../domain/dossier/types';
import { DOSSIER_STATUSES, status, type StatusKey } from '../domain/status';
import { openDatabase, type Db } from '../platform/database/client';
import { insertReceivedDossier } from '../platform/database/repositories/dossiers';
import type { PayloadKey } from '../platform/temporal/codec';
import { encryptedDataConverter } from '../platform/temporal/encryption';
import { getProcedure } from '../procedures';
import { actions, stateQuery, type ActionArgs } from '../workflows/messages';
import { startBenchStack } from './bench-stack';

const WORKLIST_ROWS = 5_000;
const WORKLIST = { connections: 100, seconds: 10, warmUpSeconds: 3, rounds: 2 };
const ACTION_DOSSIERS = 300;
const ACTION_CONNECTIONS = 10;
const LIVES = 150;
const LIFE_CONCURRENCY = 10;
const TARGET_WORKLIST_RATIO = 1.3;
const TARGET_LIFE_RATIO = 0.7;
const WATCHDOG_MS = 15 * 60_000;

const DEMO = '0.000001';
const TASK_QUEUE = 'bench-api';
const PASSWORD = 'demo';
/** The id of the payload key, the same in the load process; the key is drawn per run. */
const BENCH_KEY = { id: 'bench' };

/** One life of a demo dossier after its reception: who does what, in order. */
const LIFE: ReadonlyArray<{ username: string; action: string; command: CommandName; payload: object }> = [
  {
    username: 'justice.specialist',
    action: 'complete-step',
    command: 'completeStep',
    payload: { stepId: 'review' },
  },
  {
    username: 'land.specialist',
    action: 'complete-step',
    command: 'completeStep',
    payload: { stepId: 'land-opinion' },
  },
  {
    username: 'construction.specialist',
    action: 'complete-step',
    command: 'completeStep',
    payload: { stepId: 'construction-opinion' },
  },
  { username: 'justice.leader', action: 'approve', command: 'approve', payload: { note: 'Đồng ý' } },
  {
    username: 'centre.receiver',
    action: 'return-result',
    command: 'returnResult',
    payload: { method: 'counter' },
  },
];
const USERS = ['centre.receiver', ...new Set(LIFE.map((s) => s.username))];
const RECEPTION = {
  procedureCode: DEMO,
  channel: 'counter',
  applicant: { fullName: 'Nguyễn Văn Bình', idNumber: '001099000001', phone: '0912000001' },
  documents: [{ name: 'Đơn đề nghị (minh họa)', form: 'original' }],
};

// ---------------------------------------------------------------------------------------------------
// The load process: `tsx scripts/bench-api.ts load <config.json>` prints one JSON result line.

type Load =
  | {
      kind: 'autocannon';
      url: string;
      connections: number;
      seconds?: number;
      headers: Record<string, string>;
      /** POSTs, one per body, in turn; without them GETs of `url` for `seconds`. */
      posts?: { path: string; body: unknown }[];
    }
  | { kind: 'lives-api'; baseUrl: string; tokens: Record<string, string>; lives: number; concurrency: number }
  | {
      kind: 'lives-temporal';
      address: string;
      /** The stack's payload key, base64, so that the bare client encrypts as the API does. */
      payloadKey: string;
      /** The read model, where each dossier's row is written before its workflow starts. */
      databaseUrl: string;
      lives: number;
      concurrency: number;
    };

interface LoadResult {
  p50: number;
  p99: number;
  perSecond: number;
  ok: number;
  failed: number;
}

async function runLoad(load: Load): Promise<LoadResult> {
  if (load.kind === 'autocannon') return runAutocannon(load);
  const started = process.hrtime.bigint();
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const live = load.kind === 'lives-api' ? apiLife(load) : await temporalLife(load);
  const lane = async () => {
    while (next < load.lives) {
      const n = next++;
      const t0 = process.hrtime.bigint();
      try {
        await live(n);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      } catch (err) {
        failed += 1;
        if (failed === 1) console.error(err);
      }
    }
  };
  await Promise.all(Array.from({ length: load.concurrency }, lane));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    perSecond: latencies.length / seconds,
    ok: latencies.length,
    failed,
  };
}

/** The value below which a share `q` of the ascending `sorted` values lie (NaN for none). */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function runAutocannon(load: Extract<Load, { kind: 'autocannon' }>): Promise<LoadResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- autocannon ships no types
  const autocannon = require('autocannon') as (
    opts: object,
    done: (err: Error | null, result: AutocannonResult) => void,
  ) => void;
  let turn = 0;
  const posts = load.posts;
  const options = {
    url: load.url,
    connections: load.connections,
    headers: load.headers,
    ...(posts
      ? {
          amount: posts.length,
          requests: [
            {
              method: 'POST',
              setupRequest: (req: object) => {
                const { path: p, body } = posts[turn++ % posts.length];
                return { ...req, path: p, body: JSON.stringify(body) };
              },
            },
          ],
        }
      : { duration: load.seconds }),
  };
  return new Promise((resolve, reject) =>
    autocannon(options, (err, r) =>
      err
        ? reject(err)
        : resolve({
            p50: r.latency.p50,
            p99: r.latency.p99,
            perSecond: r.requests.average,
            ok: r['2xx'],
            failed: r.non2xx + r.errors + r.timeouts,
          }),
    ),
  );
}

interface AutocannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function apiLife(load: Extract<Load, { kind: 'lives-api' }>) {
  const call = async (username: string, path: string, body: unknown, expected: number) => {
    const res = await fetch(`${load.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${load.tokens[username]}` },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { code?: string };
    if (res.status !== expected) throw new Error(`${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  return async () => {
    const { code } = await call('centre.receiver', '/dossiers', RECEPTION, 201);
    for (const step of LIFE) await call(step.username, `/dossiers/${code}/${step.action}`, step.payload, 200);
  };
}

async function temporalLife(load: Extract<Load, { kind: 'lives-temporal' }>) {
  const connection = await Connection.connect({ address: load.address });
  const key = Buffer.from(load.payloadKey, 'base64');
  const client = new Client({ connection, dataConverter: encryptedDataConverter([{ ...BENCH_KEY, key }]) });
  const database = await openDatabase(load.databaseUrl);
  const { open, finish } = dossierLives(client, TASK_QUEUE, database.prisma);
  return async (n: number) => finish(await open(n));
}

/**
 * Dossiers straight on Temporal (the same round trips as the API): `open` receives one and leaves it
 * waiting in processing, `finish` takes a demo dossier through the rest of its life. Also used by
 * bench-scale, which leaves dossiers of a procedure counted in working days waiting too.
 */
export function dossierLives(client: Client, taskQueue: string, db: Db, procedureCode = DEMO) {
  const procedure = getProcedure(procedureCode)!;
  const documents = procedure.documents.filter((d) => d.required).map(({ name, form }) => ({ name, form }));
  const run = `${process.pid}-${Date.now().toString(36)}`;
  const actor = (username: string): Actor => {
    const [agencyCode, role] = username.split('.') as [string, Actor['role']];
    return { username, role, agencyCode };
  };
  /** Receives dossier `n` at the counter, now or at `submittedAt` (a receipt backdated by a clerk). */
  const receive = async (n: number, submittedAt = new Date()): Promise<WorkflowHandle> => {
    const input = prepareDossier(procedure, {
      code: `BENCH-${run}-${n}`,
      channel: 'counter',
      submittedAt: submittedAt.toISOString(),
      documents,
      receivedBy: actor('centre.receiver'),
    });
    // The row first, as the API writes it (api/reception.ts): the receipt's notification reads the applicant
    // there, and would otherwise be retried until the workflow's first projection.
    const received = status('received');
    await insertReceivedDossier(db, {
      code: input.start.code,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      procedureVersionHash: 'bench',
      channel: 'counter',
      applicantName: RECEPTION.applicant.fullName,
      applicantIdNumber: RECEPTION.applicant.idNumber,
      documents,
      steps: [],
      statusCode: received.code,
      statusKey: received.key,
      receivingAgencyCode: procedure.receivingAgency,
      submittedAt,
      receivedAt: submittedAt,
      calendarVersion: input.start.calendarVersion,
      projectionVersion: 0,
    });
    return client.workflow.start('dossierWorkflow', {
      workflowId: input.start.code,
      taskQueue,
      args: [input],
    });
  };
  /** Reads of a state asked again after the server could not answer in time (the API's 503). */
  const retried = { queries: 0 };
  return {
    receive,
    retried,
    /**
     * Receives dossier `n` and reads its state, as the API does for its 201 (the due date). A read the
     * saturated server could not answer is asked again, up to three times, as a client does after a 503.
     */
    open: async (n: number): Promise<WorkflowHandle> => {
      const handle = await receive(n);
      for (let attempt = 1; ; attempt += 1) {
        try {
          await handle.query(stateQuery);
          return handle;
        } catch (err) {
          if (attempt === 3 || !isTemporalUnavailable(err)) throw err;
          retried.queries += 1;
        }
      }
    },
    /** Takes dossier `handle` through the rest of its life; each action's milliseconds go to `took`. */
    finish: async (handle: WorkflowHandle, took?: number[]): Promise<void> => {
      for (const step of LIFE) {
        const update = actions[step.command] as unknown as (typeof actions)['accept'];
        const args = { actor: actor(step.username), payload: step.payload } as ActionArgs<'accept'>;
        const started = performance.now();
        await handle.executeUpdate(update, { args: [args] });
        took?.push(performance.now() - started);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The bench itself.

/** Runs one load in a second process and answers its result. */
function inChild(dir: string, load: Load): Promise<LoadResult> {
  const file = path.join(dir, `load-${randomUUID()}.json`);
  fs.writeFileSync(file, JSON.stringify(load));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), __filename, 'load', file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line) resolve(JSON.parse(line) as LoadResult);
      else reject(new Error(`load process exited with ${code}: ${out}`));
    });
  });
}

/** Read-model rows of past dossiers: the worklist's data, without a workflow behind each. */
async function seedWorklist(db: Db, count: number) {
  const keys = Object.keys(DOSSIER_STATUSES) as StatusKey[];
  const day = 86_400_000;
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => {
    const key = keys[i % keys.length];
    const receivedAt = new Date(now - (i % 60) * day);
    return {
      // Days of January 2020, so that no code meets one the benchmark receives today.
      code: `000.00.01.H56-2001${String(1 + (i % 28)).padStart(2, '0')}-${String(1 + Math.floor(i / 28)).padStart(4, '0')}`,
      procedureCode: DEMO,
      procedureName: 'Thủ tục minh họa (demo)',
      procedureVersionHash: 'bench',
      channel: 'counter',
      applicantName: `Người nộp ${i}`,
      applicantIdNumber: String(1_000_000_000 + i),
      documents: [],
      steps: [],
      statusCode: DOSSIER_STATUSES[key].code,
      statusKey: key,
      currentAgencyCode: ['justice', 'land', 'construction', null][i % 4],
      receivingAgencyCode: i % 3 === 0 ? 'commune' : 'centre',
      submittedAt: receivedAt,
      receivedAt,
      dueAt: new Date(receivedAt.getTime() + 15 * day),
      overdue: i % 7 === 0,
      calendarVersion: 'bench',
      projectionVersion: 1,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.dossier.createMany({ data: rows.slice(i, i + 500) });
}

/**
 * The load's result and the CPU time this process (API, worker, plain Express) spent meanwhile: on a shared
 * machine the steadier figure of the two, as latency also measures the neighbours.
 */
async function withServerCpu(run: () => Promise<LoadResult>): Promise<LoadResult & { serverCpuMs: number }> {
  const before = process.cpuUsage();
  const result = await run();
  const { user, system } = process.cpuUsage(before);
  return { ...result, serverCpuMs: (user + system) / 1000 };
}

/** Plain Express on its own port in this process, answering `body` to every GET: the floor of the machine. */
async function plainExpress(body: string) {
  const app = express();
  app.get('/', (_req, res) => void res.type('json').send(body));
  const http = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    stop: () => new Promise((resolve) => http.close(resolve)),
  };
}

async function main(worklistOnly: boolean): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench-api: still running after ${WATCHDOG_MS / 60_000} minutes, giving up`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-api-'));
  const log = (message: string) => console.log(`[bench] ${message}`);
  const stops: Array<() => Promise<unknown>> = [];
  try {
    log('starting a Temporal dev server, the database, the worker and the API');
    const payloadKey: PayloadKey = { ...BENCH_KEY, key: randomBytes(32) };
    const stack = await startBenchStack({
      name: 'bench-api',
      demoPassword: PASSWORD,
      payloadKeys: [payloadKey],
      taskQueue: TASK_QUEUE,
      // One token drives the whole load: the staff budget per token would measure the limiter instead.
      app: { rateLimits: { staff: { windowMs: 60_000, limit: Number.MAX_SAFE_INTEGER } } },
    });
    stops.unshift(stack.stop);
    const { api, database } = stack;
    const tokens = await stack.login(USERS);
    const bearer = (username: string) => ({ authorization: `Bearer ${tokens[username]}` });

    log(`seeding ${WORKLIST_ROWS} read-model rows for the worklist`);
    await seedWorklist(database.prisma, WORKLIST_ROWS);
    const worklistLoad = (seconds: number): Load => ({
      kind: 'autocannon',
      url: `${api}/api/v1/dossiers?pageSize=20`,
      connections: WORKLIST.connections,
      seconds,
      headers: bearer('centre.receiver'),
    });
    // Once more on a reset: the login's kept-alive socket may have been closed while the rows were seeded.
    const page = () => fetch(`${api}/api/v1/dossiers?pageSize=20`, { headers: bearer('centre.receiver') });
    const constant = await (await page().catch(page)).text();
    const plain = await plainExpress(constant);
    stops.unshift(plain.stop);
    const plainLoad = (seconds: number): Load => ({
      kind: 'autocannon',
      url: plain.url,
      connections: WORKLIST.connections,
      seconds,
      headers: {},
    });
    log(
      `worklist beside plain Express: ${WORKLIST.warmUpSeconds} s each to warm up, then ${WORKLIST.rounds} turns of ` +
        `${WORKLIST.connections} connections for ${WORKLIST.seconds} s`,
    );
    await inChild(dir, worklistLoad(WORKLIST.warmUpSeconds));
    await inChild(dir, plainLoad(WORKLIST.warmUpSeconds));
    // Taking turns, so that a burst of other work on the machine falls on both; the best turn of each.
    const worklists: Array<LoadResult & { serverCpuMs: number }> = [];
    const plains: Array<LoadResult & { serverCpuMs: number }> = [];
    for (let round = 0; round < WORKLIST.rounds; round++) {
      worklists.push(await withServerCpu(() => inChild(dir, worklistLoad(WORKLIST.seconds))));
      plains.push(await withServerCpu(() => inChild(dir, plainLoad(WORKLIST.seconds))));
    }
    const best = <T extends LoadResult>(results: T[]) => results.reduce((a, b) => (b.p99 < a.p99 ? b : a));
    const worklist = best(worklists);
    const bareWorklist = best(plains);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const cpu = (r: LoadResult & { serverCpuMs: number }) =>
      `server CPU ${((r.serverCpuMs * 1000) / r.ok).toFixed(0)} µs per answer`;
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const worklistRatio = worklist.p99 / bareWorklist.p99;
    const worklistLine =
      `worklist GET /dossiers?pageSize=20 (${WORKLIST_ROWS} rows, ${WORKLIST.connections} conn, ${WORKLIST.seconds} s, ` +
      `best of ${WORKLIST.rounds}): p50 ${ms(worklist.p50)}, p99 ${ms(worklist.p99)}, ${worklist.perSecond.toFixed(0)} req/s, ` +
      `${worklist.failed} failed, ${cpu(worklist)}\nplain Express, the same ${constant.length} bytes as a constant: ` +
      `p50 ${ms(bareWorklist.p50)}, p99 ${ms(bareWorklist.p99)}, ${bareWorklist.perSecond.toFixed(0)} req/s, ` +
      `${cpu(bareWorklist)} | worklist / plain p99: ` +
      `${worklistRatio.toFixed(2)}× | target ≤ ${TARGET_WORKLIST_RATIO}×: ${verdict(worklistRatio <= TARGET_WORKLIST_RATIO)}`;
    if (worklistOnly) {
      console.log(`\n${worklistLine}`);
      return;
    }

    log(`receiving ${ACTION_DOSSIERS} dossiers through the API for the action bench`);
    const codes: string[] = [];
    let asked = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (asked++ < ACTION_DOSSIERS) {
          const res = await fetch(`${api}/api/v1/dossiers`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...bearer('centre.receiver') },
            body: JSON.stringify(RECEPTION),
          });
          if (res.status !== 201) throw new Error(`reception answered ${res.status}: ${await res.text()}`);
          codes.push(((await res.json()) as { code: string }).code);
        }
      }),
    );
    log(`complete-step on each, ${ACTION_CONNECTIONS} connections`);
    const action = await inChild(dir, {
      kind: 'autocannon',
      url: api,
      connections: ACTION_CONNECTIONS,
      headers: { 'content-type': 'application/json', ...bearer('justice.specialist') },
      posts: codes.map((code) => ({
        path: `/api/v1/dossiers/${code}/complete-step`,
        body: { stepId: 'review' },
      })),
    });

    log(
      `${LIVES} whole lives straight on Temporal, then ${LIVES} through the API, ${LIFE_CONCURRENCY} at a time`,
    );
    const bare = await inChild(dir, {
      kind: 'lives-temporal',
      address: stack.address,
      payloadKey: payloadKey.key.toString('base64'),
      databaseUrl: stack.databaseUrl,
      lives: LIVES,
      concurrency: LIFE_CONCURRENCY,
    });
    const viaApi = await inChild(dir, {
      kind: 'lives-api',
      baseUrl: api,
      tokens,
      lives: LIVES,
      concurrency: LIFE_CONCURRENCY,
    });

    const ratio = viaApi.perSecond / bare.perSecond;
    console.log(
      '\nMotCua REST API benchmark (loopback, one process for API + worker, load from a second one)',
    );
    console.log(worklistLine);
    console.log(
      `complete-step (${codes.length} dossiers, ${ACTION_CONNECTIONS} conn): p50 ${ms(action.p50)}, p99 ${ms(action.p99)}, ` +
        `${action.perSecond.toFixed(0)} req/s, ${action.failed} failed`,
    );
    console.log(
      `whole lives, straight on Temporal: ${bare.perSecond.toFixed(1)}/s (p50 ${ms(bare.p50)}, p99 ${ms(bare.p99)}, ` +
        `${bare.failed} failed)`,
    );
    console.log(
      `whole lives, through the API:      ${viaApi.perSecond.toFixed(1)}/s (p50 ${ms(viaApi.p50)}, p99 ${ms(viaApi.p99)}, ` +
        `${viaApi.failed} failed)`,
    );
    console.log(
      `API / bare: ${(ratio * 100).toFixed(0)} % | target ≥ ${TARGET_LIFE_RATIO * 100} %: ${verdict(ratio >= TARGET_LIFE_RATIO)}`,
    );
  } finally {
    for (const stop of stops) await stop().catch((err: unknown) => console.error(err));
    fs.rmSync(dir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
}

if (require.main !== module) {
  // Imported for its dossier lives (bench-scale).
} else if (process.argv[2] === 'load') {
  const load = JSON.parse(fs.readFileSync(process.argv[3], 'utf8')) as Load;
  runLoad(load).then(
    (result) => {
      console.log(JSON.stringify(result));
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  const { values } = parseArgs({ options: { 'worklist-only': { type: 'boolean', default: false } } });
  main(values['worklist-only']).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
