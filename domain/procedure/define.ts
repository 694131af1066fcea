/**
 * Procedures as code: what a procedure file writes, and the defaults that fill it. A definition is
 * snapshotted into each dossier workflow's input, so `defineProcedure` returns frozen plain JSON.
 */
import type { z } from 'zod';
import type { Duration } from '../duration';
import type { Procedure, ProcedureLevel, ProcedureSchema } from './schema';

type Shape = z.input<typeof ProcedureSchema>;
type Defaulted =
  | 'receivingAgency'
  | 'calendar'
  | 'transferCutoff'
  | 'supplementRequestLimit'
  | 'earlyReturnNotice'
  | 'immediateResult'
  | 'reminderOffsets'
  | 'demo';

export type StepInput = Shape['steps'][number];
export type ProcedureDocumentInput = Omit<Shape['documents'][number], 'quantity'> & { quantity?: number };

/** What a procedure file writes: the fields with a default may be left out. */
export type ProcedureInput = Omit<Shape, Defaulted | 'documents'> &
  Partial<Pick<Shape, Defaulted>> & { documents: ProcedureDocumentInput[] };

/** Ministry-level procedures have no default: their BPTN&TKQ must be named. */
const DEFAULT_RECEIVING_AGENCY: Partial<Record<ProcedureLevel, string>> = {
  province: 'centre',
  commune: 'commune',
};

/** Decree 118/2025 Art. 19(5), where no sector law sets another limit. */
const DEFAULT_SUPPLEMENT_REQUEST_LIMIT: Duration = { amount: 3, unit: 'working_days' };

/** A result ready early can be collected one working day later: time enough to hear of it. */
const DEFAULT_EARLY_RETURN_NOTICE: Duration = { amount: 8, unit: 'working_hours' };

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
    supplementRequestLimit: def.supplementRequestLimit ?? DEFAULT_SUPPLEMENT_REQUEST_LIMIT,
    earlyReturnNotice: def.earlyReturnNotice ?? DEFAULT_EARLY_RETURN_NOTICE,
    immediateResult: def.immediateResult ?? false,
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
