/**
 * The tracking page beside the JSON tracking endpoint of the same dossier, in one run: p50 and p99 at 50
 * connections, load from autocannon in a second process so that the client does not share the server's
 * event loop. The two take turns, ROUNDS times, and each keeps its median round, so that a burst of other
 * work on a shared machine does not land on one side only. Target: page p99 ≤ 1.5 × JSON p99.
 *
 * Run: npm run bench:pages
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startPagesDemo } from './pages-demo';

const CONNECTIONS = 50;
const SECONDS = 5;
const ROUNDS = 3;
const WARM_UP_SECONDS = 3;
const TARGET_RATIO = 1.5;

interface Figures {
  p50: number;
  p99: number;
  perSecond: number;
  non2xx: number;
}

async function load(url: string, seconds: number): Promise<Figures> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      require.resolve('autocannon/autocannon.js'),
      '-c',
      String(CONNECTIONS),
      '-d',
      String(seconds),
      '-j',
      url,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const r = JSON.parse(stdout) as {
    latency: { p50: number; p99: number };
    requests: { average: number };
    non2xx: number;
  };
  return { p50: r.latency.p50, p99: r.latency.p99, perSecond: r.requests.average, non2xx: r.non2xx };
}

async function main(): Promise<void> {
  const demo = await startPagesDemo();
  try {
    const code = demo.codes.extended;
    const targets = {
      'JSON GET /api/v1/public/dossiers/:code': `${demo.origin}/api/v1/public/dossiers/${code}`,
      'page GET /tra-cuu/:code': `${demo.origin}/tra-cuu/${code}`,
    };
    for (const url of Object.values(targets)) await load(url, WARM_UP_SECONDS);
    const rounds: Figures[][] = Object.keys(targets).map(() => []);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [i, [name, url]] of Object.entries(targets).entries()) {
        const f = await load(url, SECONDS);
        if (f.non2xx > 0) throw new Error(`${name}: ${f.non2xx} answers were not 2xx`);
        rounds[i].push(f);
      }
    }
    const figures = rounds.map((r) => [...r].sort((a, b) => a.p99 - b.p99)[Math.floor(r.length / 2)]);
    Object.keys(targets).forEach((name, i) => {
      const f = figures[i];
      console.log(
        `${name.padEnd(40)} p50 ${f.p50} ms  p99 ${f.p99} ms  ${Math.round(f.perSecond)} req/s  (${CONNECTIONS} connections, median of ${ROUNDS} rounds)`,
      );
    });
    const [json, page] = figures;
    const ratio = page.p99 / json.p99;
    console.log(
      `page p99 / JSON p99 = ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
    );
  } finally {
    await demo.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
