import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyPassword } from '../../platform/auth/passwords';
import { openDatabase, type Database } from '../../platform/database/client';
import { migrateDatabase } from '../../platform/database/migrations';
import { findCredentials } from '../../platform/database/repositories/users';
import { seedDemoProvince } from '../../platform/database/seed';

/** `npm run user:create`: the first admin of a deployment, its password from stdin or the environment. */
let dataDir: string;
let database: Database;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-user-create-'));
  const url = `file:${path.join(dataDir, 'motcua.db')}`;
  await migrateDatabase(url);
  database = await openDatabase(url);
  // The agencies; the demo users are beside the point.
  await seedDemoProvince(database.prisma, { password: 'demo' });
});
afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function userCreate(args: string[], input: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user-create.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, MOTCUA_DATA_DIR: dataDir, DATABASE_URL: '', ...env },
  });
}

test('makes an admin whose password is read from standard input', async () => {
  const run = userCreate(
    ['--username', 'first.admin', '--role', 'admin', '--agency', 'centre'],
    'một mật khẩu đủ dài\n',
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const stored = await findCredentials(database.prisma, 'first.admin');
  expect(stored).toMatchObject({ role: 'admin', agencyCode: 'centre', disabledAt: null });
  expect(await verifyPassword('một mật khẩu đủ dài', stored!.passwordHash)).toBe(true);
});

test('reads MOTCUA_NEW_PASSWORD before standard input', async () => {
  const run = userCreate(['--username', 'land.head', '--role', 'leader', '--agency', 'land'], '', {
    MOTCUA_NEW_PASSWORD: 'from the environment',
  });
  expect(run.status).toBe(0);
  const stored = await findCredentials(database.prisma, 'land.head');
  expect(await verifyPassword('from the environment', stored!.passwordHash)).toBe(true);
});

test('refuses a password argument, a short password, an unknown agency and a taken name', () => {
  const cases: [string[], string][] = [
    [
      ['--username', 'x.admin', '--role', 'admin', '--agency', 'centre', '--password', 'on the command line'],
      '',
    ],
    [['--username', 'x.admin', '--role', 'admin', '--agency', 'centre'], 'short\n'],
    [['--username', 'x.admin', '--role', 'admin', '--agency', 'nowhere'], 'một mật khẩu đủ dài\n'],
    [['--username', 'admin', '--role', 'admin', '--agency', 'centre'], 'một mật khẩu đủ dài\n'],
  ];
  for (const [args, input] of cases) {
    const run = userCreate(args, input);
    expect(run.status).toBe(1);
    expect(run.stderr).not.toBe('');
  }
});
