/**
 * The shape of a filled procedure (thủ tục hành chính) as a zod schema; the `Procedure` type is inferred
 * from it. Pure: workflow code imports it with the snapshot each dossier carries.
 */
import { z } from 'zod';
import { DURATION_UNITS } from '../duration';
import { DocumentFormSchema, StaffRoleSchema } from '../vocabulary';

export const PROCEDURE_LEVELS = ['province', 'commune', 'ministry'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

/** NĐ 42/2022 Art. 11(1): 'full' = dịch vụ công trực tuyến toàn trình, 'partial' = một phần. */
export const ONLINE_LEVELS = ['full', 'partial'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];

/** 'vn': the Vietnamese working calendar; '24x7': elapsed time, for demos and round-the-clock services. */
export const PROCEDURE_CALENDARS = ['vn', '24x7'] as const;
export type ProcedureCalendar = (typeof PROCEDURE_CALENDARS)[number];

/** 'fee' = phí, 'charge' = lệ phí (Luật Phí và lệ phí 2015). */
export const FEE_KINDS = ['fee', 'charge'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

export const RESULT_DELIVERIES = ['paper', 'electronic', 'both'] as const;
export type ResultDelivery = (typeof RESULT_DELIVERIES)[number];

// A refinement, not .trim(): the parsed data must stay what the file says, spaces included.
const nonEmpty = (what: string) =>
  z.string().refine((s) => s.trim() !== '', { error: `${what} must not be empty` });
const positiveInt = z.number().int().positive();

/** The portal's catalogue code: the national code, optionally followed by the agency suffix it was published for. */
const NATIONAL_CODE_PATTERN = /^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$/;

const DurationSchema = z.strictObject({ amount: positiveInt, unit: z.enum(DURATION_UNITS) });

const StepSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'step id must be kebab-case (a-z, 0-9, -)' }),
  name: nonEmpty('step name'),
  /** Agency code (see domain/agencies). */
  agency: nonEmpty('step agency'),
  role: StaffRoleSchema,
  duration: DurationSchema,
  /** Consecutive steps with the same group run in parallel (liên thông, 118 Art. 20(2)(b)). */
  parallelGroup: nonEmpty('parallelGroup').optional(),
});

/** The structural shape of a filled procedure; the cross-field rules are checked in ./validate. */
export const ProcedureSchema = z.strictObject({
  /** National procedure code from the national TTHC database, e.g. '1.001193'. */
  code: nonEmpty('code'),
  /** The code in the national portal's catalogue (MaTTHC), e.g. '1.001229.000.00.00.H56'; none for demos. */
  nationalCode: z
    .string()
    .regex(NATIONAL_CODE_PATTERN, { error: 'nationalCode must look like 1.001193 or 1.001229.000.00.00.H56' })
    .optional(),
  name: nonEmpty('name'),
  /** Lĩnh vực. */
  sector: nonEmpty('sector'),
  level: z.enum(PROCEDURE_LEVELS),
  competentAgency: nonEmpty('competentAgency'),
  /** The One-stop (Bộ phận Một cửa, 118 Art. 3(3)) that receives the dossier and returns the result. */
  receivingAgency: nonEmpty('receivingAgency (required for ministry-level procedures)'),
  onlineLevel: z.enum(ONLINE_LEVELS),
  /** The legal time limit, counted from the receipt (118 Art. 17(3)). */
  deadline: DurationSchema,
  calendar: z.enum(PROCEDURE_CALENDARS),
  /** Paper received after this time moves at the start of the next working day (118 Art. 18(2)). */
  transferCutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'transferCutoff must be HH:MM' }),
  /**
   * How long after receiving the dossier an agency may still ask for a supplement: 3 working days unless a
   * sector law says otherwise (118 Art. 19(5)); a procedure that sets another cites that law in legalBasis.
   */
  supplementRequestLimit: DurationSchema,
  /**
   * A sector law that lets the agency ask once more when the supplement still falls short of its first
   * notice, against the one-request rule (118 Art. 11(2)(c), docs/rules.md C5): how soon after the
   * supplement arrived, and the article that allows it.
   */
  furtherSupplement: z
    .strictObject({ within: DurationSchema, basis: nonEmpty('furtherSupplement basis') })
    .optional(),
  /**
   * The longer limit the procedure's law gives when the competent agency must verify (the judicial record
   * certificate's 15 days): the agency declares it during processing, and the limit counts from the same
   * start as the normal one.
   */
  verification: z
    .strictObject({ deadline: DurationSchema, basis: nonEmpty('verification basis') })
    .optional(),
  /** How far ahead the citizen is told of a result ready before the appointment (118 Art. 22(5)). */
  earlyReturnNotice: DurationSchema,
  /**
   * The result is given the day the dossier is received (118 Art. 17(4), rules B7): no appointment; a
   * dossier received after the cut-off or on a day off is settled the next working day. `deadline` stays
   * the outer legal bound.
   */
  immediateResult: z.boolean(),
  steps: z.array(StepSchema).min(1, { error: 'a procedure needs at least one step' }),
  documents: z.array(
    z.strictObject({
      name: nonEmpty('document name'),
      form: DocumentFormSchema,
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
  /** The dossier waits for payment (status 6) after appraisal. */
  financialObligation: z.boolean(),
  /** The citizen's time to pay (status 6) is left out of the deadline, as the procedure's law says. */
  paymentWaitExcluded: z.boolean().optional(),
  result: z.strictObject({ name: nonEmpty('result name'), delivery: z.enum(RESULT_DELIVERIES) }),
  /** Reminders before the due date; the last one should leave time for the apology (118 Art. 19(6)). */
  reminderOffsets: z.array(DurationSchema),
  legalBasis: z.array(nonEmpty('legal basis entry')),
  /** Demo procedures carry a code in the reserved '0.' range, which no national code uses. */
  demo: z.boolean(),
});

type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A filled procedure, frozen: what `defineProcedure` returns and each dossier snapshots. */
export type Procedure = DeepReadonly<z.infer<typeof ProcedureSchema>>;
export type Step = Procedure['steps'][number];
export type ProcedureDocument = Procedure['documents'][number];
export type ProcedureFee = Procedure['fees'][number];
export type ProcedureResult = Procedure['result'];
