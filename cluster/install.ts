/**
 * `npm run cluster:install`: builds the pinned Temporal server, its SQL schema tool and the Web UI
 * server from the Go module proxy into .cluster/bin. Go's own module and build caches (several GB) are
 * reused, outside the project where jest, ESLint and the Docker build context do not walk them;
 * binaries already at their pinned version are skipped, so `npm run cluster`, `chaos` and `bench:scale`
 * run it first and a fresh clone needs nothing else.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN_DIR, binaryPath, builtVersion, CLUSTER_BINARIES, CLUSTER_DIR, type GoBinary } from './binaries';

/** `go install` cannot name its output: it builds here, then the binary moves to its pinned name. */
const STAGING_DIR = path.join(CLUSTER_DIR, 'gobin');

function install(binary: GoBinary): void {
  fs.rmSync(STAGING_DIR, { recursive: true, force: true });
  execFileSync('go', ['install', `${binary.command}@${binary.version}`], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: STAGING_DIR },
  });
  fs.mkdirSync(BIN_DIR, { recursive: true });
  fs.renameSync(path.join(STAGING_DIR, path.basename(binary.command)), binaryPath(binary));
}

function main(): void {
  const missing = CLUSTER_BINARIES.filter((binary) => builtVersion(binary) !== binary.version);
  for (const binary of CLUSTER_BINARIES.filter((b) => !missing.includes(b))) {
    console.log(`${binary.title} ${binary.version}: in ${path.relative(process.cwd(), binaryPath(binary))}`);
  }
  if (!missing.length) return;
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'Go is not installed: the cluster binaries are built with `go install` (the README, "npm run cluster", says which Go)',
    );
  }
  for (const binary of missing) {
    const label = `${binary.title} ${binary.version}`;
    console.log(`${label}: building ${binary.command} (minutes on the first run)`);
    try {
      install(binary);
    } catch (error) {
      if (binary.required) throw error;
      console.warn(`${label}: could not be built, the cluster runs without it`);
    }
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
