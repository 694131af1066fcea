/** The checks that keep a procedure lawful and runnable: its zod shape, then the cross-field rules. */
import type { Agency } from '../agencies';
import { formatDuration, type Duration, type DurationUnit } from '../duration';
import { DomainError } from '../errors';
import { phaseDuration, stepPhases } from './phases';
import { ProcedureSchema, type Procedure } from './schema';

export interface ProcedureIssue {
  /** Where in the definition, e.g. 'steps[2].agency'; '' for the whole procedure. */
  path: string;
  message: string;
  /** Errors make the procedure unusable; warnings are reported but do not block loading. */
  severity: 'error' | 'warning';
}

export interface ValidateOptions {
  agencies: readonly Agency[];
}

export class ProcedureDefinitionError extends DomainError<'PROCEDURE_INVALID'> {
  constructor(
    readonly procedureCode: string,
    readonly issues: readonly ProcedureIssue[],
  ) {
    super(
      'PROCEDURE_INVALID',
      `Procedure ${procedureCode} is invalid:\n` +
        issues.map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n'),
    );
  }
}

/** National codes are one digit, a dot, six digits (1.001193, 2.000815, 3.000333); '0.' is ours for demos. */
const CODE_PATTERN = /^\d\.\d{6}$/;
const DEMO_CODE_PREFIX = '0.';

/**
 * Comparing step times with the legal deadline. Units of one family compare exactly (minutes < hours <
 * days < months; working hours < working days, 8 office hours a day: rules §4 T2). Working time may also
 * sit under a deadline in days or months, at the long-run rate of 5 working days to 7 calendar days; that
 * is a planning check that ignores public holidays, the real due date is the calendar module's job.
 * Calendar time under a working-time deadline is refused: a weekend makes them incomparable.
 * Weights are minutes of elapsed time; a month counts as 28 days, the shortest, so it is never overrated.
 */
const UNIT_WEIGHT: Record<DurationUnit, number> = {
  minutes: 1,
  hours: 60,
  days: 1440,
  months: 28 * 1440,
  working_days: (1440 * 7) / 5,
  working_hours: (1440 * 7) / 5 / 8,
};
const WORKING_UNITS: readonly DurationUnit[] = ['working_days', 'working_hours'];

function isWorking(unit: DurationUnit): boolean {
  return WORKING_UNITS.includes(unit);
}

/** Whether a time in `unit` can be measured against a limit in `limit` (see UNIT_WEIGHT). */
export function unitFitsUnder(unit: DurationUnit, limit: DurationUnit): boolean {
  if (isWorking(unit) === isWorking(limit)) return UNIT_WEIGHT[unit] <= UNIT_WEIGHT[limit];
  return isWorking(unit) && (limit === 'days' || limit === 'months');
}

function weight(d: Duration): number {
  return d.amount * UNIT_WEIGHT[d.unit];
}

/** Structural (zod) checks, then the cross-field rules. Accepts anything, so a broken file is reported too. */
export function validateProcedure(p: unknown, options: ValidateOptions): ProcedureIssue[] {
  const parsed = ProcedureSchema.safeParse(p);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({
      path: formatPath(i.path),
      message: i.message,
      severity: 'error',
    }));
  }
  return crossFieldIssues(parsed.data, options.agencies);
}

export function assertValidProcedure(p: unknown, options: ValidateOptions): asserts p is Procedure {
  const errors = validateProcedure(p, options).filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new ProcedureDefinitionError(procedureCodeOf(p), errors);
}

/** The code to name in messages, even for a definition too broken to parse. */
export function procedureCodeOf(p: unknown): string {
  const code = (p as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.trim() !== '' ? code : '(no code)';
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

function crossFieldIssues(p: Procedure, agencies: readonly Agency[]): ProcedureIssue[] {
  const issues: ProcedureIssue[] = [];
  const error = (path: string, message: string) => issues.push({ path, message, severity: 'error' });
  const warn = (path: string, message: string) => issues.push({ path, message, severity: 'warning' });
  const agency = (code: string) => agencies.find((a) => a.code === code);

  if (!CODE_PATTERN.test(p.code)) {
    error('code', `"${p.code}" is not a national procedure code (expected d.dddddd, e.g. 1.001193)`);
  } else if (p.demo !== p.code.startsWith(DEMO_CODE_PREFIX)) {
    error(
      'code',
      p.demo
        ? `a demo procedure must use the reserved ${DEMO_CODE_PREFIX}xxxxxx range, not a national code`
        : `codes starting with ${DEMO_CODE_PREFIX} are reserved for demo procedures (set demo: true)`,
    );
  }

  const competent = agency(p.competentAgency);
  if (!competent) {
    error('competentAgency', `unknown agency "${p.competentAgency}"`);
  } else {
    if (competent.kind === 'one_stop') {
      error('competentAgency', `"${p.competentAgency}" is a One-stop centre, not a competent agency`);
    }
    // The level of a procedure is the level of the authority that decides it.
    if (p.level !== 'ministry' && competent.level !== p.level) {
      error(
        'competentAgency',
        `"${p.competentAgency}" is a ${competent.level}-level agency, the procedure is ${p.level}-level`,
      );
    }
  }
  const receiving = agency(p.receivingAgency);
  if (!receiving) {
    error('receivingAgency', `unknown agency "${p.receivingAgency}"`);
  } else if (receiving.kind === 'competent') {
    error('receivingAgency', `"${p.receivingAgency}" has no One-stop desk (118 Art. 3(3))`);
  }

  const seenIds = new Set<string>();
  p.steps.forEach((step, i) => {
    const at = `steps[${i}]`;
    if (seenIds.has(step.id)) error(`${at}.id`, `duplicate step id "${step.id}"`);
    seenIds.add(step.id);
    const stepAgency = agency(step.agency);
    if (!stepAgency) {
      error(`${at}.agency`, `unknown agency "${step.agency}"`);
    } else if (step.role === 'receiver' && stepAgency.kind === 'competent') {
      error(`${at}.role`, `receivers work at One-stop desks, "${step.agency}" has none`);
    }
    if (p.calendar === '24x7' && isWorking(step.duration.unit)) {
      error(`${at}.duration`, `a 24x7 procedure cannot count ${step.duration.unit}`);
    }
  });

  const phases = stepPhases(p);
  const closedGroups = new Set<string>();
  for (const phase of phases) {
    const group = phase[0].parallelGroup;
    if (group === undefined) continue;
    const at = `steps[${p.steps.indexOf(phase[0])}].parallelGroup`;
    if (closedGroups.has(group)) {
      error(at, `parallel group "${group}" is split: its steps must be consecutive`);
    }
    closedGroups.add(group);
    if (phase.length < 2) error(at, `parallel group "${group}" has only one step`);
    if (phase.some((s) => s.duration.unit !== phase[0].duration.unit)) {
      error(at, `the steps of parallel group "${group}" must share one duration unit`);
    }
  }

  // The competent agency decides (118 Art. 19) and its leader signs the result (Art. 22(1)).
  const lastPhase = phases[phases.length - 1];
  const lastStep = lastPhase[lastPhase.length - 1];
  const lastAt = `steps[${p.steps.length - 1}]`;
  if (lastPhase.length > 1) {
    error(lastAt, 'the last phase must be a single approval step, not a parallel group');
  } else if (lastStep.role !== 'leader') {
    error(`${lastAt}.role`, `the last step must be the leader's approval, not "${lastStep.role}"`);
  } else if (lastStep.agency !== p.competentAgency) {
    error(
      `${lastAt}.agency`,
      `the approving leader must belong to the competent agency "${p.competentAgency}"`,
    );
  }

  checkTimes(p, error);
  // The verification limit replaces the normal one from the same start, so it must be the longer.
  if (p.verification && p.verification.deadline.unit !== p.deadline.unit) {
    error('verification.deadline', `must count ${p.deadline.unit} like the deadline`);
  } else if (p.verification && p.verification.deadline.amount <= p.deadline.amount) {
    error('verification.deadline', 'must be longer than the deadline');
  }

  const documentNames = new Set<string>();
  p.documents.forEach((d, i) => {
    // Supplement requests name documents (118 Art. 19(5)), so names must be unique.
    if (documentNames.has(d.name)) error(`documents[${i}].name`, `duplicate document "${d.name}"`);
    documentNames.add(d.name);
  });
  // Data pulled from national databases replaces papers (118 Art. 17(1)(b)), so none required can be lawful.
  if (!p.documents.some((d) => d.required)) {
    warn('documents', 'no required document: check the published dossier');
  }
  if (p.legalBasis.length === 0) warn('legalBasis', 'no legal basis cited');

  return issues;
}

function checkTimes(p: Procedure, error: (path: string, message: string) => void): void {
  const deadline = p.deadline;
  if (p.calendar === '24x7' && isWorking(deadline.unit)) {
    error('deadline', `a 24x7 procedure cannot count ${deadline.unit}`);
  }
  let comparable = true;
  p.steps.forEach((step, i) => {
    if (!unitFitsUnder(step.duration.unit, deadline.unit)) {
      comparable = false;
      error(
        `steps[${i}].duration`,
        `step unit ${step.duration.unit} cannot be measured against a deadline in ${deadline.unit}`,
      );
    }
  });
  const phases = stepPhases(p);
  const phasesUniform = phases.every((phase) =>
    phase.every((s) => s.duration.unit === phase[0].duration.unit),
  );
  if (comparable && phasesUniform) {
    const planned = phases.reduce((sum, phase) => sum + weight(phaseDuration(phase)), 0);
    if (planned > weight(deadline)) {
      const spelled = phases.map((phase) => formatDuration(phaseDuration(phase))).join(' + ');
      error(
        'steps',
        `the phases take ${spelled}, more than the legal deadline of ${formatDuration(deadline)}`,
      );
    }
  }

  const seen = new Set<string>();
  p.reminderOffsets.forEach((offset, i) => {
    const at = `reminderOffsets[${i}]`;
    const key = `${offset.amount} ${offset.unit}`;
    if (seen.has(key)) error(at, `duplicate reminder offset ${formatDuration(offset)}`);
    seen.add(key);
    if (p.calendar === '24x7' && isWorking(offset.unit)) {
      error(at, `a 24x7 procedure cannot count ${offset.unit}`);
    } else if (!unitFitsUnder(offset.unit, deadline.unit)) {
      error(at, `reminder unit ${offset.unit} cannot be measured against a deadline in ${deadline.unit}`);
    } else if (weight(offset) >= weight(deadline)) {
      error(
        at,
        `reminder ${formatDuration(offset)} before due is not shorter than the deadline ${formatDuration(deadline)}`,
      );
    }
  });
}
