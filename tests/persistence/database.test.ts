import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isDatabaseReachable, openDatabase } from '../../platform/database/client';
import { migrateDatabase, readMigrations, type Migration } from '../../platform/database/migrations';
import { freePort } from '../../platform/dev/ports';
import { PROVIDERS, useDatabases } from '../harness/databases';

describe.each(PROVIDERS)('%s: migrations and connections', (provider) => {
  const databases = useDatabases(provider);
  const committed = readMigrations(provider);
  const names = committed.map((migration) => migration.name);

  test('the migrations apply to an empty database, and a second run finds nothing to do', async () => {
    const url = await databases.emptyUrl();
    expect(names.length).toBeGreaterThan(0);
    expect(await migrateDatabase(url)).toEqual(names);
    expect(await migrateDatabase(url)).toEqual([]);
    const database = await openDatabase(url);
    try {
      expect(database.provider).toBe(provider);
      expect(await database.prisma.dossier.count()).toBe(0);
      expect(await isDatabaseReachable(database.prisma)).toBe(true);
    } finally {
      await database.close();
    }
  });

  test('runners started together apply each migration once', async () => {
    const url = await databases.emptyUrl();
    const runs = await Promise.all([1, 2, 3].map(() => migrateDatabase(url)));
    expect(runs.flat()).toEqual(names);
  });

  test('a failing migration rolls back the whole run', async () => {
    const url = await databases.emptyUrl();
    const broken: Migration = {
      name: '99999999999999_broken',
      sql: 'SELECT * FROM "NoSuchTable"',
      checksum: 'x',
    };
    await expect(migrateDatabase(url, [...committed, broken])).rejects.toThrow();
    // Nothing recorded and nothing created: the committed migrations apply again from scratch.
    expect(await migrateDatabase(url)).toEqual(names);
  });

  test('refuses a migration edited after it was applied, and a database newer than the code', async () => {
    const url = await databases.emptyUrl();
    await migrateDatabase(url);
    const [first, ...rest] = committed;
    await expect(migrateDatabase(url, [{ ...first, checksum: 'edited' }, ...rest])).rejects.toThrow(
      `migration ${first.name} changed after it was applied`,
    );
    await expect(migrateDatabase(url, [])).rejects.toThrow(`the database has migration ${first.name}`);
  });
});

describe('postgresql: runners in different processes', () => {
  const databases = useDatabases('postgresql');

  test('wait for each other on the advisory lock', async () => {
    const url = await databases.emptyUrl();
    // Distinct URLs of one database bypass the in-process queue, as separate processes would.
    const runs = await Promise.all(
      ['a', 'b', 'c'].map((name) => migrateDatabase(`${url}?application_name=${name}`)),
    );
    expect(runs.flat()).toEqual(readMigrations('postgresql').map((migration) => migration.name));
  });
});

describe('sqlite specifics', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-sqlite-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('creates the parent folder, writes ahead (WAL) and waits 10 s for a busy writer', async () => {
    const url = `file:${path.join(dir, 'nested', 'deeper', 'motcua.db')}`;
    await migrateDatabase(url);
    const database = await openDatabase(url);
    try {
      expect(await database.prisma.$queryRawUnsafe('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      const [{ timeout }] =
        await database.prisma.$queryRawUnsafe<Array<{ timeout: bigint }>>('PRAGMA busy_timeout');
      expect(Number(timeout)).toBe(10_000);
    } finally {
      await database.close();
    }
  });
});

describe('URLs and reachability', () => {
  test('only file: and postgres(ql):// URLs, without echoing the rest of the URL', async () => {
    await expect(openDatabase('mysql://root:secret@db/motcua')).rejects.toThrow(
      /^unsupported database URL scheme "mysql:" \(use file: or postgresql:\/\/\)$/,
    );
  });

  test('a refused connection is unreachable', async () => {
    const database = await openDatabase(`postgresql://postgres@127.0.0.1:${await freePort()}/none`);
    try {
      expect(await isDatabaseReachable(database.prisma)).toBe(false);
    } finally {
      await database.close();
    }
  });

  test('a server that never answers is unreachable once the timeout passes', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const database = await openDatabase(`postgresql://postgres@127.0.0.1:${port}/none`);
    try {
      // Answering at all proves the timeout: the server keeps the connection open and silent for ever.
      expect(await isDatabaseReachable(database.prisma, 300)).toBe(false);
    } finally {
      // Hang up so that the pending connection attempt ends and the pool can close.
      sockets.forEach((socket) => socket.destroy());
      silent.close();
      await database.close();
    }
  });
});
