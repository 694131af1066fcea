/**
 * Procedures as code: the definition of one administrative procedure (thủ tục hành chính), its defaults,
 * and the checks that keep it lawful and runnable.
 *
 * Pure: no I/O and no Node built-ins, because workflow code imports it. A definition is snapshotted into
 * each dossier workflow's input, so `defineProcedure` returns frozen plain JSON.
 */
import { z } from 'zod';
import type { Agency } from './agencies';
import { DURATION_UNITS, formatDuration, type Duration, type DurationUnit } from './duration';

export const PROCEDURE_LEVELS = ['province', 'commune', 'ministry'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

/** NĐ 42/2022 Art. 11(1): 'full' = dịch vụ công trực tuyến toàn trình, 'partial' = một phần. */
export const ONLINE_LEVELS = ['full', 'partial'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];

export const STEP_ROLES = ['receiver', 'specialist', 'leader'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

/** 'vn': the Vietnamese working calendar; '24x7': elapsed time, for demos and round-the-clock services. */
export const PROCEDURE_CALENDARS = ['vn', '24x7'] as const;
export type ProcedureCalendar = (typeof PROCEDURE_CALENDARS)[number];

export const DOCUMENT_FORMS = ['original', 'certified_copy', 'copy'] as const;
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];

/** 'fee' = phí, 'charge' = lệ phí (Luật Phí và lệ phí 2015). */
export const FEE_KINDS = ['fee', 'charge'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

export const RESULT_DELIVERIES = ['paper', 'electronic', 'both'] as const;
export type ResultDelivery = (typeof RESULT_DELIVERIES)[number];

export interface Step {
  readonly id: string;
  readonly name: string;
  /** Agency code (see domain/agencies). */
  readonly agency: string;
  readonly role: StepRole;
  readonly duration: Readonly<Duration>;
  /** Consecutive steps with the same group run in parallel (liên thông, 118 Art. 20(2)(b)). */
  readonly parallelGroup?: string;
}

export interface ProcedureDocument {
  readonly name: string;
  readonly form: DocumentForm;
  readonly required: boolean;
  readonly quantity: number;
}

export interface ProcedureFee {
  readonly name: string;
  readonly amountVnd: number;
  readonly kind: FeeKind;
}

export interface ProcedureResult {
  readonly name: string;
  readonly delivery: ResultDelivery;
}

export interface Procedure {
  /** National procedure code from the national TTHC database, e.g. '1.001193'. */
  readonly code: string;
  /** The code in the national portal's catalogue (MaTTHC), e.g. '1.001229.000.00.00.H56'; none for demos. */
  readonly nationalCode?: string;
  readonly name: string;
  /** Lĩnh vực. */
  readonly sector: string;
  readonly level: ProcedureLevel;
  readonly competentAgency: string;
  /** The One-stop (Bộ phận Một cửa, 118 Art. 3(3)) that receives the dossier and returns the result. */
  readonly receivingAgency: string;
  readonly onlineLevel: OnlineLevel;
  /** The legal time limit, counted from the receipt (118 Art. 17(3)). */
  readonly deadline: Readonly<Duration>;
  readonly calendar: ProcedureCalendar;
  /** Paper received after this time moves at the start of the next working day (118 Art. 18(2)). */
  readonly transferCutoff: string;
  readonly steps: readonly Step[];
  readonly documents: readonly ProcedureDocument[];
  readonly fees: readonly ProcedureFee[];
  /** The dossier waits for payment (status 6) after appraisal. */
  readonly financialObligation: boolean;
  readonly result: ProcedureResult;
  /** Reminders before the due date; the last one should leave time for the apology (118 Art. 19(6)). */
  readonly reminderOffsets: readonly Readonly<Duration>[];
  readonly legalBasis: readonly string[];
  /** Demo procedures carry a code in the reserved '0.' range, which no national code uses. */
  readonly demo: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type StepInput = Mutable<Step> & { duration: Duration };
export type ProcedureDocumentInput = Omit<Mutable<ProcedureDocument>, 'quantity'> & { quantity?: number };

/** What a procedure file writes: the fields with a default may be left out. */
export interface ProcedureInput {
  code: string;
  nationalCode?: string;
  name: string;
  sector: string;
  level: ProcedureLevel;
  competentAgency: string;
  receivingAgency?: string;
  onlineLevel: OnlineLevel;
  deadline: Duration;
  calendar?: ProcedureCalendar;
  transferCutoff?: string;
  steps: StepInput[];
  documents: ProcedureDocumentInput[];
  fees: Mutable<ProcedureFee>[];
  financialObligation: boolean;
  result: Mutable<ProcedureResult>;
  reminderOffsets?: Duration[];
  legalBasis: string[];
  demo?: boolean;
}

/** Ministry-level procedures have no default: their BPTN&TKQ must be named. */
const DEFAULT_RECEIVING_AGENCY: Partial<Record<ProcedureLevel, string>> = {
  province: 'centre',
  commune: 'commune',
};

const DEFAULT_REMINDER_OFFSETS: Duration[] = [
  { amount: 2, unit: 'working_days' },
  { amount: 1, unit: 'working_days' },
];

/** Fills the defaults and returns a deep-frozen plain-JSON snapshot; `validateProcedure` checks it. */
export function defineProcedure(def: ProcedureInput): Procedure {
  const filled = {
    ...def,
    receivingAgency: def.receivingAgency ?? DEFAULT_RECEIVING_AGENCY[def.level] ?? '',
    calendar: def.calendar ?? 'vn',
    transferCutoff: def.transferCutoff ?? '15:00',
    documents: def.documents.map((d) => ({ ...d, quantity: d.quantity ?? 1 })),
    reminderOffsets: def.reminderOffsets ?? DEFAULT_REMINDER_OFFSETS,
    demo: def.demo ?? false,
  };
  // The JSON round trip drops anything a workflow payload could not carry (undefined, functions).
  return deepFreeze(JSON.parse(JSON.stringify(filled)) as Procedure);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Steps grouped into sequential phases: a phase is one step, or a run of steps sharing a parallel group. */
export function stepPhases(procedure: Pick<Procedure, 'steps'>): Step[][] {
  const phases: Step[][] = [];
  for (const step of procedure.steps) {
    const last = phases[phases.length - 1];
    if (step.parallelGroup !== undefined && last && last[0].parallelGroup === step.parallelGroup) {
      last.push(step);
    } else {
      phases.push([step]);
    }
  }
  return phases;
}

/** A phase lasts as long as its longest step: the group finishes when all its steps have. */
export function phaseDuration(phase: readonly Step[]): Duration {
  if (phase.length === 0) throw new Error('phaseDuration: empty phase');
  const unit = phase[0].duration.unit;
  if (phase.some((s) => s.duration.unit !== unit)) {
    throw new Error(`phaseDuration: steps ${phase.map((s) => s.id).join(', ')} mix duration units`);
  }
  return { amount: Math.max(...phase.map((s) => s.duration.amount)), unit };
}

// ---------------------------------------------------------------------------------------------------
// Validation

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

export class ProcedureDefinitionError extends Error {
  constructor(
    readonly procedureCode: string,
    readonly issues: readonly ProcedureIssue[],
  ) {
    super(
      `Procedure ${procedureCode} is invalid:\n` +
        issues.map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n'),
    );
    this.name = 'ProcedureDefinitionError';
  }
}

/** National codes are one digit, a dot, six digits (1.001193, 2.000815, 3.000333); '0.' is ours for demos. */
const CODE_PATTERN = /^\d\.\d{6}$/;
const DEMO_CODE_PREFIX = '0.';
/** The portal's catalogue code: the national code, optionally followed by the agency suffix it was published for. */
const NATIONAL_CODE_PATTERN = /^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$/;

// A refinement, not .trim(): the parsed data must stay what the file says, spaces included.
const nonEmpty = (what: string) =>
  z.string().refine((s) => s.trim() !== '', { error: `${what} must not be empty` });
const positiveInt = z.number().int().positive();

const DurationSchema = z.strictObject({ amount: positiveInt, unit: z.enum(DURATION_UNITS) });

const StepSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'step id must be kebab-case (a-z, 0-9, -)' }),
  name: nonEmpty('step name'),
  agency: nonEmpty('step agency'),
  role: z.enum(STEP_ROLES),
  duration: DurationSchema,
  parallelGroup: nonEmpty('parallelGroup').optional(),
});

/** The structural shape of a filled procedure; the cross-field rules are checked by hand below. */
export const ProcedureSchema = z.strictObject({
  code: nonEmpty('code'),
  nationalCode: z
    .string()
    .regex(NATIONAL_CODE_PATTERN, { error: 'nationalCode must look like 1.001193 or 1.001229.000.00.00.H56' })
    .optional(),
  name: nonEmpty('name'),
  sector: nonEmpty('sector'),
  level: z.enum(PROCEDURE_LEVELS),
  competentAgency: nonEmpty('competentAgency'),
  receivingAgency: nonEmpty('receivingAgency (required for ministry-level procedures)'),
  onlineLevel: z.enum(ONLINE_LEVELS),
  deadline: DurationSchema,
  calendar: z.enum(PROCEDURE_CALENDARS),
  transferCutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'transferCutoff must be HH:MM' }),
  steps: z.array(StepSchema).min(1, { error: 'a procedure needs at least one step' }),
  documents: z.array(
    z.strictObject({
      name: nonEmpty('document name'),
      form: z.enum(DOCUMENT_FORMS),
      required: z.boolean(),
      quantity: positiveInt,
    }),
  ),
  fees: z.array(
    z.strictObject({
      name: nonEmpty('fee name'),
      amountVnd: z.number().int().nonnegative({ error: 'a fee cannot be negative' }),
      kind: z.enum(FEE_KINDS),
    }),
  ),
  financialObligation: z.boolean(),
  result: z.strictObject({ name: nonEmpty('result name'), delivery: z.enum(RESULT_DELIVERIES) }),
  reminderOffsets: z.array(DurationSchema),
  legalBasis: z.array(nonEmpty('legal basis entry')),
  demo: z.boolean(),
});

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
  return crossFieldIssues(parsed.data as Procedure, options.agencies);
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

// ---------------------------------------------------------------------------------------------------
// The catalogue entry of the API (GET /procedures/:code)

export interface CatalogueEntry {
  code: string;
  name: string;
  sector: string;
  level: ProcedureLevel;
  competentAgency: string;
  receivingAgency: string;
  onlineLevel: OnlineLevel;
  deadline: Duration;
  /** The deadline as printed on the receipt, e.g. "15 ngày làm việc". */
  deadlineText: string;
  calendar: ProcedureCalendar;
  transferCutoff: string;
  steps: {
    id: string;
    name: string;
    agency: string;
    role: StepRole;
    duration: Duration;
    parallelGroup?: string;
  }[];
  documents: { name: string; form: DocumentForm; required: boolean; quantity: number }[];
  fees: { name: string; amountVnd: number; kind: FeeKind }[];
  financialObligation: boolean;
  result: { name: string; delivery: ResultDelivery };
  reminderOffsets: Duration[];
  legalBasis: string[];
  demo: boolean;
}

/** A fresh, mutable copy in the contract's field order. */
export function toCatalogueEntry(p: Procedure): CatalogueEntry {
  return {
    code: p.code,
    name: p.name,
    sector: p.sector,
    level: p.level,
    competentAgency: p.competentAgency,
    receivingAgency: p.receivingAgency,
    onlineLevel: p.onlineLevel,
    deadline: { ...p.deadline },
    deadlineText: formatDuration(p.deadline),
    calendar: p.calendar,
    transferCutoff: p.transferCutoff,
    steps: p.steps.map((s) => ({
      id: s.id,
      name: s.name,
      agency: s.agency,
      role: s.role,
      duration: { ...s.duration },
      ...(s.parallelGroup === undefined ? {} : { parallelGroup: s.parallelGroup }),
    })),
    documents: p.documents.map((d) => ({
      name: d.name,
      form: d.form,
      required: d.required,
      quantity: d.quantity,
    })),
    fees: p.fees.map((f) => ({ ...f })),
    financialObligation: p.financialObligation,
    result: { ...p.result },
    reminderOffsets: p.reminderOffsets.map((d) => ({ ...d })),
    legalBasis: [...p.legalBasis],
    demo: p.demo,
  };
}
