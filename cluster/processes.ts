import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Something the cluster started, stopped in the reverse order of starting. */
export interface Part {
  name: string;
  stop(): Promise<void>;
  /** Rejects when the part ends before `stop()`; absent where nothing watches it. */
  exited?: Promise<never>;
}

export interface ChildOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  logFile: string;
  cwd?: string;
}

export interface Child extends Part {
  /** Rejects with the end of the log when the process exits before `stop()` or `kill()`. */
  exited: Promise<never>;
  /** SIGKILL to the whole group, as a crash of the machine would end it: no graceful shutdown. */
  kill(): Promise<void>;
}

const STOP_TIMEOUT_MS = 20_000;

/**
 * Spawns a long-running process in a process group of its own, so that Ctrl-C in the terminal reaches
 * only the cluster script, which then stops each part in order; its output goes to a log file.
 */
export function spawnChild(opts: ChildOptions): Child {
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const log = fs.openSync(opts.logFile, 'w');
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  // Whatever ends this script, no process of the cluster outlives it.
  const killGroup = () => killTree(child, 'SIGKILL');
  process.once('exit', killGroup);
  let stopping = false;
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killGroup);
      if (!stopping) {
        reject(
          new Error(
            `${opts.name} exited (${signal ?? code}); the end of ${opts.logFile}:\n${tail(opts.logFile)}`,
          ),
        );
      }
    });
  });
  exited.catch(() => undefined);
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name: opts.name,
    exited,
    async kill() {
      stopping = true;
      killTree(child, 'SIGKILL');
      await gone;
    },
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // The process itself, not its group: a tsx launcher relays the signal to its Node child, and a
        // second copy of it would make our entry points skip their graceful shutdown.
        child.kill('SIGTERM');
        const timer = setTimeout(() => killTree(child, 'SIGKILL'), STOP_TIMEOUT_MS);
        await done;
        clearTimeout(timer);
      }
      // A launcher's child that outlived it, such as a worker whose tsx launcher was killed.
      killTree(child, 'SIGKILL');
    },
  };
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

/** Polls `probe` until it resolves, failing early when the process exits or after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  { timeoutMs = 60_000, exited }: { timeoutMs?: number; exited?: Promise<never> } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let failed = false;
  exited?.catch(() => (failed = true));
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (failed && exited) await exited;
      if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
