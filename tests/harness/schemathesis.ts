import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Pinned so that every machine fuzzes with the same generator. */
export const SCHEMATHESIS_VERSION = '4.32.5';
const VENV = path.join(__dirname, '..', '..', '.venv');
const BIN = path.join(VENV, 'bin', 'schemathesis');

function installedVersion(): string | undefined {
  if (!fs.existsSync(BIN)) return undefined;
  const out = execFileSync(BIN, ['--version'], { encoding: 'utf8' });
  return /version (\S+)/.exec(out)?.[1];
}

/**
 * The schemathesis CLI from PyPI in the project's git-ignored `.venv` (where `npm install` also puts the
 * Temporal binaries), installed at its pinned version when missing or another version is there.
 */
export function schemathesis(): string {
  if (installedVersion() === SCHEMATHESIS_VERSION) return BIN;
  process.stderr.write(`[fuzz] installing schemathesis==${SCHEMATHESIS_VERSION} into .venv (once)\n`);
  const pip = path.join(VENV, 'bin', 'pip');
  if (!fs.existsSync(pip)) execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
  execFileSync(
    pip,
    ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (installedVersion() !== SCHEMATHESIS_VERSION) {
    throw new Error(
      `schemathesis ${SCHEMATHESIS_VERSION} did not install into ${VENV}: Python 3 with pip and venv?`,
    );
  }
  return BIN;
}
