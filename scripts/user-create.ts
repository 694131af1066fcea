/**
 * `npm run user:create -- --username admin --role admin --agency centre [--full-name "…"]`: makes a staff
 * account (the first admin of a deployment) in the database of the configuration (DATABASE_URL or the
 * data folder), migrating it first. The password is never an argument, where `ps` and shell history would
 * keep it: it comes from MOTCUA_NEW_PASSWORD, else the first line of standard input (asked for, unechoed,
 * on a terminal).
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { fieldIssues } from '../api/errors';
import { NewUserBody } from '../api/schemas';
import { openAccount } from '../platform/auth/accounts';
import { loadConfig } from '../platform/config/config';
import { openDatabase } from '../platform/database/client';
import { migrateDatabase } from '../platform/database/migrations';

function readPassword(): Promise<string> {
  const fromEnv = process.env.MOTCUA_NEW_PASSWORD;
  if (fromEnv) return Promise.resolve(fromEnv);
  const terminal = Boolean(process.stdin.isTTY);
  if (terminal) process.stderr.write('Password: ');
  // On a terminal readline echoes what is typed to its output: a sink keeps the password off the screen.
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const lines = createInterface({ input: process.stdin, output: sink, terminal });
  return new Promise((resolve) => {
    let answer = '';
    lines.once('line', (line) => {
      answer = line;
      lines.close();
    });
    lines.once('close', () => {
      if (terminal) process.stderr.write('\n');
      resolve(answer);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      agency: { type: 'string' },
      'full-name': { type: 'string' },
    },
  });
  const parsed = NewUserBody.safeParse({
    username: values.username,
    role: values.role,
    agencyCode: values.agency,
    fullName: values['full-name'] ?? values.username,
    password: await readPassword(),
  });
  if (!parsed.success) {
    const lines = fieldIssues('', parsed.error).map((issue) => `  ${issue.path}: ${issue.message}`);
    throw new Error(`cannot create the account:\n${lines.join('\n')}`);
  }
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  const database = await openDatabase(config.databaseUrl);
  try {
    const opened = await openAccount(database.prisma, parsed.data);
    if (typeof opened === 'string') throw new Error(`cannot create ${parsed.data.username}: ${opened}`);
    console.log(`created ${opened.username} (${opened.role}, ${opened.agencyCode})`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
