/**
 * `npm run procedures:check`: validates every file of procedures/ against the agencies of
 * `MOTCUA_AGENCIES_FILE` (the demo's when unset), prints one
 * line per procedure and every fault, and exits 1 on any fault (warnings are printed, not fatal).
 * Unlike loadProcedures it does not stop at the first broken file.
 */
import path from 'node:path';
import { agencyDirectory } from '../platform/config/agencies';
import { formatDuration } from '../domain/duration';
import { procedureCodeOf, validateProcedure, type Procedure, type ProcedureIssue } from '../domain/procedure';
import { loadProcedureModule, procedureFiles } from '../procedures';

function describe(p: unknown): string {
  const { name, deadline, steps } = p as Partial<Procedure>;
  const parts = [procedureCodeOf(p), typeof name === 'string' ? name : '(no name)'];
  if (deadline && typeof deadline.amount === 'number') parts.push(formatDuration(deadline));
  if (Array.isArray(steps)) parts.push(`${steps.length} bước`);
  return parts.join(' | ');
}

function main(): number {
  let errors = 0;
  let warnings = 0;
  const fileByCode = new Map<string, string>();
  const files = procedureFiles();
  const agencies = agencyDirectory({ MOTCUA_AGENCIES_FILE: process.env.MOTCUA_AGENCIES_FILE });
  for (const file of files) {
    const shortName = path.relative(process.cwd(), file);
    let issues: ProcedureIssue[];
    let procedure: unknown;
    try {
      procedure = loadProcedureModule(file);
      issues = validateProcedure(procedure, { agencies });
    } catch (err) {
      issues = [{ path: '', message: `cannot load: ${(err as Error).message}`, severity: 'error' }];
    }
    const code = (procedure as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') {
      const twin = fileByCode.get(code);
      if (twin) issues.push({ path: 'code', message: `also defined in ${twin}`, severity: 'error' });
      fileByCode.set(code, shortName);
    }

    const failed = issues.some((i) => i.severity === 'error');
    console.log(`${failed ? 'FAIL' : 'ok  '} ${describe(procedure)}  (${shortName})`);
    for (const issue of issues) {
      console.log(`       ${issue.severity}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
      if (issue.severity === 'error') errors++;
      else warnings++;
    }
  }
  console.log(`${files.length} procedure files, ${errors} faults, ${warnings} warnings`);
  return errors > 0 ? 1 : 0;
}

process.exitCode = main();
