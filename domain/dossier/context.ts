/** What the rules decide with, and what they answer: the state, the notifications to send. */
import type { WorkingCalendar } from '../calendar/workflow-safe';
import type { Duration } from '../duration';
import type { Notification } from '../notifications/notification';
import type { Procedure } from '../procedure';
import type { SubmissionChannel } from '../vocabulary';
import type { CommandPayloads } from './commands';
import type { Actor, DossierState, SubmittedDocument } from './types';

export interface RuleContext {
  now: Date;
  calendar: WorkingCalendar;
  procedure: Procedure;
  /** Behaviour added after dossiers were already running; the workflow turns each on through patched(). */
  features?: {
    stepOverdueAlerts?: boolean;
    supplementRequestLimit?: boolean;
    onlineTransferAtOnce?: boolean;
    onlineSubmissionAlerts?: boolean;
    earlyReturnNotice?: boolean;
    returnAppointments?: boolean;
    immediateResults?: boolean;
    /** Row B7: an immediate result gets a receipt only when the citizen asks for one. */
    receiptOnRequest?: boolean;
    /** Rows I3/I4: the wait to pay left out of the deadline where the law says so; the remittance alert. */
    paymentRules?: boolean;
    /** Row F9: a correction is a workflow of its own, so the dossier ends at the return. */
    correctionWorkflow?: boolean;
  };
}

/** Rows I4: the procedure leaves the citizen's time to pay out of its deadline (dossiers since the patch). */
export function paymentWaitExcluded(ctx: RuleContext): boolean {
  return Boolean(ctx.features?.paymentRules && ctx.procedure.paymentWaitExcluded);
}

export interface Outcome {
  state: DossierState;
  notifications: Notification[];
}

export interface DossierStart {
  code: string;
  channel: SubmissionChannel;
  calendarVersion: string;
  submittedAt: string;
  documents: SubmittedDocument[];
  /** Counter and postal dossiers are received by a clerk at once; online ones wait for acceptance. */
  receivedBy?: Actor;
  /**
   * The desk that received it when that is not the procedure's own (boundary-free reception, docs/rules.md
   * A3): the dossier's code, its forwarding to the agencies and the return are that desk's.
   */
  receivingDesk?: string;
  /**
   * The citizen asked for a receipt. An immediate-result dossier needs none otherwise (118 Art. 17(4),
   * docs/rules.md B7); every other dossier gets one regardless.
   */
  receiptRequested?: boolean;
  /** A counter or postal dossier the clerk does not receive, decided on the spot. */
  notReceived?: CounterDecision;
}

/**
 * At the counter an incomplete dossier is returned with guidance to complete it (form 02) or refused with
 * reasons (form 03) instead of a receipt (118 Art. 17(1)(c), docs/rules.md B2 and D1). The dossier is kept
 * with its form, as an online submission returned or refused before acceptance is.
 */
export type CounterDecision =
  | { action: 'requestCompletion'; by: Actor; payload: CommandPayloads['requestCompletion'] }
  | { action: 'refuse'; by: Actor; payload: CommandPayloads['refuse'] };

/** Online submissions are accepted or returned for completion within 8 working hours (118 Art. 17(2)). */
export const ONLINE_ACCEPTANCE: Duration = { amount: 8, unit: 'working_hours' };
/** The citizen has 15 days to bring the supplement before the dossier is closed (118 Art. 19(5)). */
export const SUPPLEMENT_WINDOW: Duration = { amount: 15, unit: 'days' };
/** A wrong result caused by the agency is corrected within 3 working days (118 Art. 23(1)). */
export const CORRECTION_LIMIT: Duration = { amount: 3, unit: 'working_days' };
/** How long after the return the dossier stays open for a correction of its result. */
export const CORRECTION_WINDOW: Duration = { amount: 30, unit: 'days' };
export const ACCEPTANCE_REMINDER: Duration = { amount: 2, unit: 'working_hours' };
/** The system alerts the desk of an online submission within 2 hours (118 Art. 17(2)(b)): at once, and again then. */
export const SUBMISSION_ALERT: Duration = { amount: 2, unit: 'working_hours' };
export const ESCALATION: Duration = { amount: 1, unit: 'working_days' };
/** Fees collected online reach the budget within 8 working hours of the payment (118 Art. 24(3)). */
export const FEE_REMITTANCE: Duration = { amount: 8, unit: 'working_hours' };

export const iso = (d: Date) => d.toISOString();
export const at = (s: string) => new Date(s);
export const clone = (s: DossierState): DossierState => JSON.parse(JSON.stringify(s)) as DossierState;
