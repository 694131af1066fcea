/**
 * The procedure catalogue: every other file of this folder exports one procedure as its default, and is
 * found at run time, so adding a procedure touches no other file.
 *
 * Uses the file system: never import this from workflow code (workflows get the procedure snapshot in
 * their input).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_AGENCIES, type Agency } from '../domain/agencies';
import { assertValidProcedure, type Procedure } from '../domain/procedure';

/** `*.ts` or `*.js`, but not index, declaration files or hidden files. */
const PROCEDURE_FILE = /^(?!index\.)[^.].*(?<!\.d)\.(ts|js)$/;

/** This folder's catalogue per agency directory it was validated against. */
const cache = new WeakMap<readonly Agency[], Procedure[]>();

/** The procedure files of `dir` (default: this folder), sorted, as absolute paths. */
export function procedureFiles(dir: string = __dirname): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => PROCEDURE_FILE.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** The default export of one procedure file, unchecked. */
export function loadProcedureModule(file: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- discovery needs a run-time require
  const mod = require(file) as { default?: unknown };
  if (mod.default === undefined) throw new Error(`${file}: no default export of defineProcedure(...)`);
  return mod.default;
}

/**
 * Every procedure of `dir` by code, validated against the deployment's agencies (the demo's by default);
 * throws on the first invalid one.
 */
export function loadProcedures(
  dir: string = __dirname,
  agencies: readonly Agency[] = DEMO_AGENCIES,
): Procedure[] {
  const cached = dir === __dirname ? cache.get(agencies) : undefined;
  if (cached) return [...cached];
  const byCode = new Map<string, string>();
  const procedures = procedureFiles(dir).map((file) => {
    const procedure = loadProcedureModule(file);
    assertValidProcedure(procedure, { agencies });
    const other = byCode.get(procedure.code);
    if (other) throw new Error(`Procedure ${procedure.code} is defined twice: ${other} and ${file}`);
    byCode.set(procedure.code, file);
    return procedure;
  });
  procedures.sort((a, b) => a.code.localeCompare(b.code));
  if (dir === __dirname) cache.set(agencies, procedures);
  return [...procedures];
}

export function getProcedure(code: string): Procedure | undefined {
  return loadProcedures().find((p) => p.code === code);
}
