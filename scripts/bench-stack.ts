/**
 * What the bench scripts share: the embedded stack they measure (its own Temporal dev server, the worker,
 * the API on loopback, SQLite in a scratch folder) and a second process for whatever must not share the
 * stack's event loop and CPU (load drivers, simulators).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { freePort } from '../platform/dev/ports';
import { startDevServer } from '../platform/dev/temporal-dev-server';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../workers/stack';
import { DOSSIER_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

export interface BenchStack extends Pick<LocalStack, 'database' | 'client'> {
  /** The API's base URL, e.g. http://127.0.0.1:40123. */
  api: string;
  /** The Temporal dev server's address. */
  address: string;
  /** The read model's URL, for a load process of its own. */
  databaseUrl: string;
  /** The scratch folder: the database, the server's and the API's logs. Removed by `stop`. */
  dir: string;
  /** A token for each user, logged in with the demo password. */
  login: (usernames: Iterable<string>) => Promise<Record<string, string>>;
  /** Stops everything started, in reverse order, and removes the scratch folder. */
  stop: () => Promise<void>;
}

export type BenchStackOptions = { name: string; demoPassword: string } & Pick<
  LocalStackOptions,
  'taskQueue' | 'payloadKeys' | 'portal' | 'app'
>;

/** Starts the stack with request logs at the production level, written away from the terminal. */
export async function startBenchStack(opts: BenchStackOptions): Promise<BenchStack> {
  const { name, ...stackOptions } = opts;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `motcua-${name}-`));
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const s of stops) await s().catch((err: unknown) => console.error(err));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const server = await startDevServer({
      port: await freePort(),
      searchAttributes: DOSSIER_SEARCH_ATTRIBUTES,
      logFile: path.join(dir, 'temporal.log'),
    });
    stops.push(() => server.stop());
    const workerConnection = await NativeConnection.connect({ address: server.address });
    stops.unshift(() => workerConnection.close());
    const connection = await Connection.connect({ address: server.address });
    stops.unshift(() => connection.close());
    const databaseUrl = `file:${path.join(dir, 'motcua.db')}`;
    const stack = await startLocalStack({
      ...stackOptions,
      databaseUrl,
      connection,
      workerConnection,
      namespace: 'default',
      logger: pino({ level: 'info' }, pino.destination({ dest: path.join(dir, 'api.log'), sync: false })),
      // No channel configured: messages are recorded as not sent, which costs what the outbox costs.
      channels: {},
      publicBaseUrl: 'http://127.0.0.1',
    });
    stops.unshift(stack.stop);
    const http = stack.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    stops.unshift(() => new Promise((resolve) => http.close(resolve)));
    const api = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const login = async (usernames: Iterable<string>) => {
      const tokens: Record<string, string> = {};
      for (const username of usernames) {
        const res = await fetch(`${api}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: opts.demoPassword }),
        });
        tokens[username] = ((await res.json()) as { token: string }).token;
      }
      return tokens;
    };
    return {
      api,
      address: server.address,
      databaseUrl,
      dir,
      database: stack.database,
      client: stack.client,
      login,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * This script again, in a second process, as `script.ts <role> ...args`, with a message channel: the
 * child answers with `process.send`, and its standard output and errors show in the terminal.
 */
export function startChild(script: string, role: string, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, role, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The next message from the child, or an error if it exits first. */
export function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the second process exited with ${code}`));
    child.once('exit', exited);
    child.once('message', (message) => {
      child.off('exit', exited);
      resolve(message as T);
    });
  });
}
