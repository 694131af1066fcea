import { spawn } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { DailySequenceExhaustedError } from '../../domain/dossier-code';
import { openDatabase, type Db } from '../../platform/database/client';
import { migrateDatabase } from '../../platform/database/migrations';
import { nextDossierCode } from '../../platform/database/dossier-codes';
import { PROVIDERS, useDatabases } from '../harness/databases';

const CENTRE = '000.00.01.H56';
const COMMUNE = '000.21.31.H56';

function sequence(identifier: string, day: string, from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${identifier}-${day}-${String(from + i).padStart(4, '0')}`);
}

/** Runs tests/persistence/draw-codes.ts; resolves `ready` once it has connected and `codes` at its end. */
function drawInAnotherProcess(url: string, identifier: string, at: Date, count: number) {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'tsx/cjs',
      path.join(__dirname, 'draw-codes.ts'),
      url,
      identifier,
      at.toISOString(),
      String(count),
    ],
    { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.startsWith('ready\n')) resolve();
    }),
  );
  const codes = new Promise<string[]>((resolve, reject) =>
    child.on('close', (status) =>
      status === 0
        ? resolve(z.array(z.string()).parse(JSON.parse(stdout.split('\n')[1])))
        : reject(new Error(`draw-codes exited ${status}: ${stderr}`)),
    ),
  );
  return { ready: Promise.race([ready, codes.then(() => undefined)]), codes };
}

describe.each(PROVIDERS)('%s: dossier code counter', (provider) => {
  const databases = useDatabases(provider);
  let db: Db;
  let url: string;
  beforeAll(async () => {
    const database = await databases.open();
    db = database.prisma;
    url = await databases.emptyUrl();
  });

  test('200 concurrent calls get 200 distinct, consecutive codes', async () => {
    const receivedAt = new Date('2025-11-18T03:00:00Z');
    const codes = await Promise.all(
      Array.from({ length: 200 }, () => nextDossierCode(db, CENTRE, receivedAt)),
    );
    expect(new Set(codes).size).toBe(200);
    expect([...codes].sort()).toEqual(sequence(CENTRE, '251118', 1, 200));
  });

  test('a new day in Vietnam starts again at 0001, and each agency counts apart', async () => {
    // 16:59:59Z is 23:59:59 in Hà Nội; one second later it is the next day there.
    expect(await nextDossierCode(db, CENTRE, new Date('2025-11-19T16:59:59Z'))).toBe(`${CENTRE}-251119-0001`);
    expect(await nextDossierCode(db, CENTRE, new Date('2025-11-19T17:00:00Z'))).toBe(`${CENTRE}-251120-0001`);
    expect(await nextDossierCode(db, COMMUNE, new Date('2025-11-19T17:00:00Z'))).toBe(
      `${COMMUNE}-251120-0001`,
    );
    expect(await nextDossierCode(db, CENTRE, new Date('2025-11-20T09:00:00Z'))).toBe(`${CENTRE}-251120-0002`);
  });

  test('the 10,000th code of a day is refused', async () => {
    await db.codeCounter.create({ data: { agencyIdentifier: COMMUNE, day: '251121', value: 9998 } });
    const receivedAt = new Date('2025-11-21T03:00:00Z');
    expect(await nextDossierCode(db, COMMUNE, receivedAt)).toBe(`${COMMUNE}-251121-9999`);
    await expect(nextDossierCode(db, COMMUNE, receivedAt)).rejects.toBeInstanceOf(
      DailySequenceExhaustedError,
    );
  });

  test('another process drawing at the same moment never gets one of our codes', async () => {
    await migrateDatabase(url);
    const ours = await openDatabase(url);
    try {
      const receivedAt = new Date('2025-11-22T03:00:00Z');
      const other = drawInAnotherProcess(url, CENTRE, receivedAt, 150);
      await other.ready;
      const mine: string[] = [];
      for (let i = 0; i < 150; i += 1) mine.push(await nextDossierCode(ours.prisma, CENTRE, receivedAt));
      const theirs = await other.codes;
      expect([...mine, ...theirs].sort()).toEqual(sequence(CENTRE, '251122', 1, 300));
    } finally {
      await ours.close();
    }
  });
});
