/**
 * How far the national portal lags behind the dossiers: the embedded stack (its own Temporal dev server,
 * the worker, the API, SQLite) reporting to the national-portal simulator on loopback. Changes are
 * driven through the API at a fixed rate — receptions, then each dossier's steps, approval and return,
 * a dossier's next change no sooner than `--gap` seconds after its last, as clerks space them — and each
 * change's lag is measured from the API's answer (the change committed in the dossier's workflow) to
 * the portal's acceptance of its last call (`CapNhatTienDoHoSoMC`, or the record when the change adds
 * no progress entry). Then the same with the simulator taking `--slow-ms` to answer every call.
 *
 * Run: npm run bench:sync [-- --rate 50 --seconds 60 --gap 10 --slow-ms 2000 --drain 180]
 * Target: p99 < 5 s at the first rate with a prompt portal.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { PORTAL_SERVICES } from '../domain/portal/transport';
import { startPortalSimulator, type PortalSimulator } from '../platform/dev/portal-simulator';
import { nextMessage, startBenchStack, startChild, type BenchStack } from './bench-stack';

const { values: options } = parseArgs({
  // The second process is this script with `driver` before the same options.
  allowPositionals: true,
  options: {
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
    gap: { type: 'string', default: '10' },
    'slow-ms': { type: 'string', default: '2000' },
    drain: { type: 'string', default: '180' },
  },
});
const RATE = Number(options.rate);
const SECONDS = Number(options.seconds);
const GAP_MS = Number(options.gap) * 1_000;
const SLOW_MS = Number(options['slow-ms']);
const DRAIN_MS = Number(options.drain) * 1_000;
const TARGET_P99_MS = 5_000;

/** The demo procedure's life after reception, as [clerk, action, body]: five more changes. */
const STEPS: ReadonlyArray<[string, string, object]> = [
  ['justice.specialist', 'complete-step', { stepId: 'review' }],
  ['land.specialist', 'complete-step', { stepId: 'land-opinion' }],
  ['construction.specialist', 'complete-step', { stepId: 'construction-opinion' }],
  ['justice.leader', 'approve', { note: 'Đồng ý' }],
  ['centre.receiver', 'return-result', { method: 'counter' }],
];
const RECEPTION = {
  procedureCode: '0.000001',
  channel: 'counter',
  applicant: { fullName: 'Nguyễn Văn Bình', idNumber: '001099000001', phone: '0912000001' },
  documents: [{ name: 'Đơn đề nghị (minh họa)', form: 'original' }],
};

interface Dossier {
  code: string;
  /** When the API answered each change, in order: change n+1 is the sync's seq n+1. */
  committedAt: number[];
  busy: boolean;
}

interface RunResult {
  changes: number;
  failed: number;
  lagsMs: number[];
  /** Changes committed but not accepted by the portal when the drain ended. */
  unaccepted: number;
  /** Seconds from the first change sent to the last one answered. */
  driveSeconds: number;
  /** How long the API took to answer each change. */
  commitMs: number[];
  /** The portal calls of the run by service, and those the caller gave up waiting for. */
  calls: Record<string, number>;
  abandoned: number;
}

/** Issues RATE changes a second for SECONDS, then waits until the portal has them all (or DRAIN_MS). */
async function drive(
  api: string,
  tokens: Record<string, string>,
  simulator: PortalSimulator,
): Promise<RunResult> {
  const dossiers: Dossier[] = [];
  const commitMs: number[] = [];
  let failed = 0;
  const post = async (username: string, route: string, body: object, expected: number) => {
    const sent = Date.now();
    const res = await fetch(`${api}/api/v1${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[username]}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== expected) throw new Error(`${route}: ${res.status} ${text}`);
    commitMs.push(Date.now() - sent);
    return text;
  };
  const change = async (dossier: Dossier | undefined) => {
    try {
      if (!dossier) {
        const answer = JSON.parse(await post('centre.receiver', '/dossiers', RECEPTION, 201)) as {
          code: string;
        };
        dossiers.push({ code: answer.code, committedAt: [Date.now()], busy: false });
        return;
      }
      const [username, action, body] = STEPS[dossier.committedAt.length - 1];
      await post(username, `/dossiers/${dossier.code}/${action}`, body, 200);
      dossier.committedAt.push(Date.now());
      dossier.busy = false;
    } catch (err) {
      failed += 1;
      if (failed === 1) console.error(err);
    }
  };

  const callsBefore = simulator.calls.length;
  const started = Date.now();
  const total = Math.round(RATE * SECONDS);
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1_000) / RATE;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const now = Date.now();
    // The dossier that has waited longest since its last change, once that is GAP_MS ago; else a new one.
    const ready = dossiers.find(
      (d) => !d.busy && d.committedAt.length <= STEPS.length && now - d.committedAt.at(-1)! >= GAP_MS,
    );
    if (ready) {
      ready.busy = true;
      // Keep the queue ordered by last change: it moves to the back.
      dossiers.splice(dossiers.indexOf(ready), 1);
      dossiers.push(ready);
    }
    inFlight.push(change(ready));
  }
  await Promise.all(inFlight);
  const driveSeconds = (Date.now() - started) / 1_000;

  const changes = dossiers.reduce((n, d) => n + d.committedAt.length, 0);
  const drainUntil = Date.now() + DRAIN_MS;
  let accepted = acceptedChanges(simulator, callsBefore);
  while (accepted.size < changes && Date.now() < drainUntil) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    accepted = acceptedChanges(simulator, callsBefore);
  }
  const lagsMs = dossiers.flatMap((d) =>
    d.committedAt.flatMap((committed, i) => {
      const at = accepted.get(`${d.code}#${i + 1}`);
      return at === undefined ? [] : [at - committed];
    }),
  );
  const runCalls = simulator.calls.slice(callsBefore);
  const calls: Record<string, number> = {};
  for (const { service, answer } of runCalls) {
    const key = `${service ?? 'login'}${answer && answer.error_code !== 0 ? ` refused ${String(answer.message)}` : ''}`;
    calls[key] = (calls[key] ?? 0) + 1;
  }
  const abandoned = runCalls.filter((call) => call.abandoned).length;
  return {
    changes,
    failed,
    lagsMs,
    unaccepted: changes - lagsMs.length,
    driveSeconds,
    commitMs,
    calls,
    abandoned,
  };
}

/**
 * The changes whose record and progress the portal both accepted (every change of the demo's life adds
 * a progress entry), each with when the later was answered: the simulator answers `delayMs` after a call
 * arrives. Only this run's calls: the run before's would end its drain early.
 */
function acceptedChanges(simulator: PortalSimulator, callsBefore: number): Map<string, number> {
  const record = new Set<string>();
  const progress = new Set<string>();
  const answeredAt = new Map<string, number>();
  for (const call of simulator.calls.slice(callsBefore)) {
    if (!call.change || call.answer?.error_code !== 0) continue;
    if (call.service === PORTAL_SERVICES.syncDossier) record.add(call.change);
    else if (call.service === PORTAL_SERVICES.addProgress) progress.add(call.change);
    else continue;
    const at = call.at.getTime() + simulator.delayMs;
    answeredAt.set(call.change, Math.max(answeredAt.get(call.change) ?? 0, at));
  }
  return new Map([...answeredAt].filter(([marker]) => record.has(marker) && progress.has(marker)));
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

function report(title: string, r: RunResult) {
  const s = (ms: number) => `${(ms / 1_000).toFixed(2)} s`;
  console.log(
    `${title}: ${r.changes} changes sent and answered in ${r.driveSeconds.toFixed(1)} s, ${r.failed} failed, ` +
      `API answer p50 ${s(percentile(r.commitMs, 0.5))} p99 ${s(percentile(r.commitMs, 0.99))}; ` +
      `sync lag p50 ${s(percentile(r.lagsMs, 0.5))}, p99 ${s(percentile(r.lagsMs, 0.99))}, ` +
      `max ${s(percentile(r.lagsMs, 1))}; ${r.unaccepted} not accepted after the drain; portal calls ` +
      `${Object.entries(r.calls)
        .map(([service, n]) => `${service} ${n}`)
        .join(', ')}, ${r.abandoned} given up by the caller`,
  );
  return percentile(r.lagsMs, 0.99);
}

interface DriverStarted {
  portal: { baseUrl: string; username: string; password: string };
}
interface DriverAsked {
  api: string;
  tokens: Record<string, string>;
}
interface DriverResults {
  prompt: RunResult;
  slow: RunResult;
}

/** The second process: the simulator and the load driver, off the stack's event loop. */
async function driver(): Promise<void> {
  const simulator = await startPortalSimulator();
  try {
    const send = (message: DriverStarted | DriverResults) => process.send!(message);
    const asked = new Promise<DriverAsked>((resolve) => process.once('message', resolve));
    send({ portal: { baseUrl: simulator.url, username: simulator.username, password: simulator.password } });
    const { api, tokens } = await asked;
    log(`${RATE} changes/s for ${SECONDS} s, a prompt portal`);
    const prompt = await drive(api, tokens, simulator);
    log(`${RATE} changes/s for ${SECONDS} s, the portal answering in ${SLOW_MS} ms`);
    simulator.delayMs = SLOW_MS;
    const slow = await drive(api, tokens, simulator);
    send({ prompt, slow });
  } finally {
    await simulator.stop();
  }
}

async function main(): Promise<void> {
  const child = startChild(__filename, 'driver', process.argv.slice(2));
  let stack: BenchStack | undefined;
  try {
    const { portal } = await nextMessage<DriverStarted>(child);
    log('starting a Temporal dev server, the database, the worker and the API; the simulator runs apart');
    stack = await startBenchStack({
      name: 'bench-sync',
      demoPassword: 'demo',
      taskQueue: 'bench-sync',
      portal: { ...portal, unitCode: '000.00.01.H56', timeoutMs: 10_000 },
      app: { rateLimits: { staff: { windowMs: 60_000, limit: Number.MAX_SAFE_INTEGER } } },
    });
    const tokens = await stack.login(new Set(['centre.receiver', ...STEPS.map(([u]) => u)]));
    const results = nextMessage<DriverResults>(child);
    child.send({ api: stack.api, tokens } satisfies DriverAsked);
    const { prompt, slow } = await results;

    console.log(
      `\nMotCua national-portal sync lag (change committed → accepted by the simulator), ` +
        `${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end`,
    );
    const p99 = report('prompt portal', prompt);
    report(`portal answering in ${SLOW_MS} ms`, slow);
    console.log(
      `target p99 < ${TARGET_P99_MS / 1_000} s with a prompt portal: ${p99 < TARGET_P99_MS ? 'met' : 'NOT met'}`,
    );
  } finally {
    child.kill();
    await stack?.stop();
  }
}

const log = (message: string) => console.log(`[bench] ${message}`);

(process.argv[2] === 'driver' ? driver() : main()).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
