import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The workflow code bundled ahead of time. Bundling with webpack inside the worker left each worker
 * process about 1 GB larger than it needs to be (V8 keeps the heap webpack grew), so a worker loads a
 * file built once, in a process of its own, under a name that carries a hash of its sources: a changed
 * source gives a new name, and a stale bundle is never run.
 */
const ROOT = path.resolve(__dirname, '..');
const BUNDLE_DIR = path.join(ROOT, 'generated', 'workflow-bundle');
/** What the bundle is built from: the workflows, the pure domain they import, the pinned packages and the bundler's options here. */
const SOURCES = [
  'workflows',
  'domain',
  'platform/temporal/failure-converter.ts',
  'workers/workflow-bundle.ts',
  'package-lock.json',
];

function filesUnder(relative: string): string[] {
  const absolute = path.join(ROOT, relative);
  if (!fs.statSync(absolute).isDirectory()) return [relative];
  return fs
    .readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Where the bundle of the current sources lies (whether or not it is built yet). */
export function workflowBundlePath(): string {
  const hash = crypto.createHash('sha256');
  for (const file of SOURCES.flatMap(filesUnder)) {
    hash
      .update(`${file}\0`)
      .update(fs.readFileSync(path.join(ROOT, file)))
      .update('\0');
  }
  return path.join(BUNDLE_DIR, `workflows-${hash.digest('hex').slice(0, 16)}.js`);
}

/** Bundles the workflows with webpack into `codePath`, as the worker would at start. */
export async function buildWorkflowBundle(codePath: string): Promise<void> {
  const { bundleWorkflowCode } = await import('@temporalio/worker');
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    // Workflow failures encoded, so that the payload codec encrypts them (platform/temporal/encryption.ts).
    failureConverterPath: require.resolve('../platform/temporal/failure-converter'),
    // Evaluated once per worker, not once per cached workflow (docs/determinism.md, "Shared modules").
    preloadModules: [require.resolve('../workflows/shared-modules')],
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  fs.mkdirSync(path.dirname(codePath), { recursive: true });
  // Written aside then renamed: two workers starting together never read a half-written bundle.
  const partial = `${codePath}.${process.pid}.partial`;
  fs.writeFileSync(partial, code);
  fs.renameSync(partial, codePath);
}

/**
 * The bundle of the current sources, built first in a child process (`npm run build:workflows`) when
 * missing, so that webpack's memory never stays in the worker.
 */
export function ensureWorkflowBundle(): { codePath: string } {
  const codePath = workflowBundlePath();
  if (!fs.existsSync(codePath)) {
    execFileSync(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(ROOT, 'scripts', 'build-workflows.ts')],
      {
        stdio: 'inherit',
      },
    );
  }
  return { codePath };
}
