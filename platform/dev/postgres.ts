import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './ports';

/**
 * A real, throwaway PostgreSQL server for tests: its own cluster in a temp folder, on a free loopback
 * port, with trust authentication for the `postgres` role. Nothing is skipped when PostgreSQL is
 * missing: the suite must prove both providers.
 */
export interface PostgresServer {
  /** URL of the `postgres` database. */
  url: string;
  /** Creates an empty database on the server and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Trust: any local user may connect, to a cluster that lives as long as the run. C: one sort order. */
const INITDB_OPTIONS = ['-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'];
/** Loopback only; durability off, as the cluster dies with the test run. */
const SERVER_SETTINGS = [
  'listen_addresses=127.0.0.1',
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
];
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pg-'));
  const dataDir = path.join(dir, 'data');
  const owner = serverOwner();
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  try {
    runAs(owner, path.join(bin, 'initdb'), ['-D', dataDir, ...INITDB_OPTIONS]);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const { server, port } = await launch(bin, dir, owner);
  // A crashed test run must not leave the server behind.
  const killOnExit = () => server.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopProcess(server);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await withClient(url, (client) => client.query(`CREATE DATABASE ${name}`));
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
  };
}

/** The bin folder holding initdb and postgres: Debian's versioned folders (newest first), then PATH. */
function findPostgresBin(): string {
  const debianRoot = '/usr/lib/postgresql';
  const versions = fs.existsSync(debianRoot)
    ? fs.readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a) || b.localeCompare(a))
    : [];
  const candidates = versions
    .map((version) => path.join(debianRoot, version, 'bin'))
    .concat((process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  const bin = candidates.find((dir) =>
    ['initdb', 'postgres'].every((exe) => fs.existsSync(path.join(dir, exe))),
  );
  if (!bin) {
    throw new Error(
      'PostgreSQL is not installed (no initdb and postgres in /usr/lib/postgresql/*/bin or on PATH); ' +
        'the persistence tests need a real server: run scripts/ensure-postgres.sh',
    );
  }
  // Debian's /usr/local/bin links point into the versioned folder, where the server finds its libraries.
  return path.dirname(fs.realpathSync(path.join(bin, 'postgres')));
}

/** PostgreSQL refuses to run as root: then run it as the `postgres` OS user. */
function serverOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'running as root, and there is no `postgres` OS user to run PostgreSQL as (see scripts/ensure-postgres.sh)',
    );
  }
}

function runAs(owner: { uid: number; gid: number } | undefined, file: string, args: string[]): void {
  try {
    execFileSync(file, args, { ...owner, stdio: 'pipe', cwd: os.tmpdir() });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`${path.basename(file)} failed: ${stderr || (error as Error).message}`);
  }
}

/**
 * Starts the server on a free port and waits until it answers. Another process may take the port
 * between the probe and the bind: the server then exits at once, and the next attempt takes another.
 */
async function launch(
  bin: string,
  dir: string,
  owner: { uid: number; gid: number } | undefined,
): Promise<{ server: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const server = spawn(
      path.join(bin, 'postgres'),
      [
        '-D',
        path.join(dir, 'data'),
        '-p',
        String(port),
        '-k',
        dir,
        ...SERVER_SETTINGS.flatMap((s) => ['-c', s]),
      ],
      { ...owner, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const log = () => stderr;
    try {
      await waitUntilReady(`postgresql://postgres@127.0.0.1:${port}/postgres`, server, log);
      return { server, port };
    } catch (error) {
      await stopProcess(server);
      if (attempt === 3 || !/could not bind|address already in use/i.test(stderr)) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with ${server.exitCode}:\n${log()}`);
    try {
      await withClient(url, (client) => client.query('SELECT 1'));
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`postgres not ready after ${READY_TIMEOUT_MS} ms: ${error}\n${log()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** SIGINT is PostgreSQL's fast shutdown; SIGKILL if it does not finish in time. */
async function stopProcess(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGINT');
  const timer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
