/**
 * How long the database takes to compute the Decision 766 indicators over many dossiers: seeds
 * `--dossiers` (default 1,000,000) received across 2025, with their events, hand-overs and ratings,
 * straight into SQLite and a throwaway PostgreSQL (INSERT … SELECT over a number series, no row passes
 * through JavaScript), then times one year, one agency for the year, and one month. Target: ≤ 2 s for
 * the year.
 * Run: npm run bench:indicators -- [--dossiers 100000] [--providers sqlite,postgresql]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { periodBounds } from '../domain/indicators';
import { openDatabase, type Db, type Provider } from '../platform/database/client';
import { periodCounts } from '../platform/database/indicators';
import { migrateDatabase } from '../platform/database/migrations';
import { startPostgres } from '../platform/dev/postgres';

const TARGET_SECONDS = 2;
const YEAR_SECONDS = 365 * 86_400;

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '1000000' },
    providers: { type: 'string', default: 'sqlite,postgresql' },
  },
});
const count = Number(values.dossiers);
if (!Number.isInteger(count) || count < 1) throw new Error(`--dossiers must be a positive integer`);
const providers = values.providers.split(',') as Provider[];

/** Where the two dialects differ in seeding: the number series, a time after 1 Jan 2025 UTC, JSON. */
const SEED_DIALECT = {
  sqlite: {
    numbers: (n: number) => ({
      prefix: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${n - 1})`,
      source: 'n',
    }),
    at: (seconds: string) =>
      `strftime('%Y-%m-%dT%H:%M:%f+00:00', '2025-01-01', '+' || (${seconds}) || ' seconds')`,
    json: (pairs: string) => `json_object(${pairs})`,
    empty: `'[]'`,
  },
  postgresql: {
    numbers: (n: number) => ({ prefix: '', source: `generate_series(0, ${n - 1}) AS n(i)` }),
    at: (seconds: string) => `(TIMESTAMP '2025-01-01' + (${seconds}) * INTERVAL '1 second')`,
    json: (pairs: string) => `jsonb_build_object(${pairs})`,
    empty: `'[]'::jsonb`,
  },
};

/**
 * Every dossier received in 2025, evenly; one in ten with a supplement request, one in a hundred with a
 * completion request too, one in twenty still open (half of those waiting for the citizen), one in fifty
 * withdrawn, one in fifty refused, one in five asked to pay (half of them online), one in ten rated.
 */
function seedStatements(provider: Provider, n: number): string[] {
  const d = SEED_DIALECT[provider];
  const { prefix, source } = d.numbers(n);
  const received = `(i * ${Math.max(1, Math.floor(YEAR_SECONDS / n))})`;
  const at = (offset: string) => d.at(`${received} + ${offset}`);
  const code = `'B' || i`;
  const insert = (table: string, columns: string[], expressions: string[], where = '') =>
    `${prefix} INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) ` +
    `SELECT ${expressions.join(', ')} FROM ${source} ${where}`;
  const event = (action: string, offsetDays: number, where: string, actor = `'staff'`) =>
    insert(
      'DossierEvent',
      ['key', 'dossierCode', 'action', 'actor', 'outcome', 'at'],
      [`${code} || ':${action}'`, code, `'${action}'`, actor, `'applied'`, at(`${offsetDays * 86_400}`)],
      `WHERE ${where}`,
    );
  const open = 'i % 20 = 0';
  const finished = `${at('((i * 7) % 15) * 86400 + 3600')}`;
  return [
    insert(
      'Dossier',
      [
        'code',
        'procedureCode',
        'procedureName',
        'procedureVersionHash',
        'channel',
        'applicantName',
        'applicantIdNumber',
        'documents',
        'statusCode',
        'statusKey',
        'steps',
        'receivingAgencyCode',
        'submittedAt',
        'receivedAt',
        'dueAt',
        'originalDueAt',
        'supplementCount',
        'completionRequestCount',
        'finishedAt',
        'supplementRequestedAt',
        'paymentRequestedAt',
        'paidOnline',
        'refused',
        'calendarVersion',
        'projectionVersion',
        'updatedAt',
      ],
      [
        code,
        `'P' || (i % 20)`,
        `'P' || (i % 20)`,
        `''`,
        `CASE WHEN i % 3 = 0 THEN 'online' ELSE 'counter' END`,
        `''`,
        `''`,
        d.empty,
        `CASE WHEN i % 40 = 0 THEN 5 WHEN ${open} THEN 4 WHEN i % 50 = 1 THEN 7 ELSE 10 END`,
        `'bench'`,
        d.empty,
        `'agency-' || (i % 10)`,
        at('0'),
        at('0'),
        at('(5 + i % 10) * 86400'),
        at('(5 + i % 10) * 86400'),
        `CASE WHEN i % 10 = 3 OR i % 40 = 0 THEN 1 ELSE 0 END`,
        `CASE WHEN i % 100 = 3 THEN 1 ELSE 0 END`,
        `CASE WHEN ${open} THEN NULL ELSE ${finished} END`,
        `CASE WHEN i % 10 = 3 OR i % 40 = 0 THEN ${at('86400')} END`,
        `CASE WHEN i % 5 = 0 THEN ${at('86400')} END`,
        'i % 10 = 0 AND i % 40 <> 0',
        'i % 50 = 2',
        `''`,
        '1',
        at('0'),
      ],
    ),
    event('receive', 0, 'i >= 0'),
    event('requestSupplement', 1, 'i % 10 = 3 OR i % 40 = 0'),
    event('supplement', 2, 'i % 10 = 3'),
    event('requestPayment', 1, 'i % 5 = 0'),
    event(
      'confirmPayment',
      2,
      'i % 5 = 0 AND NOT i % 40 = 0',
      `CASE WHEN i % 10 = 0 THEN 'system' ELSE 'receiver' END`,
    ),
    event('refuse', 3, 'i % 50 = 2'),
    event('approve', 3, `NOT ${open} AND NOT i % 50 = 2`),
    insert(
      'Handoff',
      ['key', 'dossierCode', 'seq', 'toAgencyCode', 'givenAt'],
      [`${code} || ':handoff:1'`, code, '1', `'agency-' || ((i + 3) % 10)`, at('0')],
    ),
    insert(
      'Rating',
      ['dossierCode', 'scores'],
      [code, d.json(`'resultTime', 1 + i % 5, 'staffAttitude', 1 + (i * 3) % 5`)],
      'WHERE i % 10 = 1',
    ),
  ];
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, (performance.now() - start) / 1000];
}

async function bench(provider: Provider, url: string): Promise<void> {
  await migrateDatabase(url);
  const database = await openDatabase(url);
  const db: Db = database.prisma;
  try {
    const [, seconds] = await timed(async () => {
      for (const statement of seedStatements(provider, count)) await db.$executeRawUnsafe(statement);
      // Fresh statistics, as a database that has lived with its data would have.
      await db.$executeRawUnsafe(provider === 'sqlite' ? 'ANALYZE' : 'VACUUM ANALYZE');
    });
    console.log(`${provider}: seeded ${count.toLocaleString('en')} dossiers in ${seconds.toFixed(1)} s`);
    const now = new Date('2026-06-01T00:00:00Z');
    const cases = [
      { label: 'year 2025, all agencies', scope: periodBounds('2025-01-01', '2025-12-31', now) },
      {
        label: 'year 2025, one agency',
        scope: { ...periodBounds('2025-01-01', '2025-12-31', now), agency: 'agency-4' },
      },
      { label: 'March 2025, all agencies', scope: periodBounds('2025-03-01', '2025-03-31', now) },
    ];
    for (const { label, scope } of cases) {
      const runs: number[] = [];
      let received = 0;
      const cpu = process.cpuUsage();
      for (let run = 0; run < 3; run++) {
        const [counts, s] = await timed(() => periodCounts(db, scope));
        runs.push(s);
        received = counts.received;
      }
      // The machine is shared: SQLite works in this process, so its CPU time says what the wall time hides.
      const { user, system } = process.cpuUsage(cpu);
      const cpuNote = provider === 'sqlite' ? `, CPU ${((user + system) / 3e6).toFixed(2)} s per run` : '';
      const load = `, load ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`;
      const best = Math.min(...runs);
      const verdict = label.startsWith('year 2025, all')
        ? best <= TARGET_SECONDS
          ? ' (target met)'
          : ' (target NOT met)'
        : '';
      console.log(
        `${provider}: ${label}: ${received.toLocaleString('en')} dossiers, first ${runs[0].toFixed(2)} s, best of 3 ${best.toFixed(2)} s${verdict}${cpuNote}${load}`,
      );
    }
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  for (const provider of providers) {
    if (provider === 'sqlite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-indicators-'));
      try {
        await bench('sqlite', `file:${path.join(dir, 'bench.db')}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } else {
      const server = await startPostgres();
      try {
        await bench('postgresql', await server.createDatabase('bench'));
      } finally {
        await server.stop();
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
