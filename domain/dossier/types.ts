import type { StatusKey } from '../status';

import { z } from 'zod';
import { text } from '../text';
import {
  DocumentFormSchema,
  type ActorRole,
  type ReturnMethod,
  type StaffRole,
  type SubmissionChannel,
  type Timeliness,
} from '../vocabulary';

export interface Actor {
  username: string;
  role: ActorRole;
  agencyCode: string;
}

export const SubmittedDocumentSchema = z.strictObject({
  name: text(300),
  form: DocumentFormSchema,
  quantity: z.number().int().min(1).max(100).optional(),
});
export type SubmittedDocument = z.infer<typeof SubmittedDocumentSchema>;

/** What a dossier is handed in with, and what a supplement brings. */
export const SubmittedDocumentsSchema = z.array(SubmittedDocumentSchema).min(1).max(100);

/** Finer states inside the national status, e.g. status 5 before acceptance versus during appraisal. */
export type Substate =
  'awaiting_acceptance' | 'awaiting_completion' | 'awaiting_transfer' | 'correcting' | 'closed_no_supplement';

export interface StepState {
  id: string;
  name: string;
  agency: string;
  role: StaffRole;
  phase: number;
  state: 'waiting' | 'active' | 'done';
  /** The specialist (user name) the step is assigned to; anyone of the agency while unassigned. */
  assignee?: string;
  startedAt?: string;
  dueAt?: string;
  completedAt?: string;
  completedBy?: string;
  result?: Timeliness;
  note?: string;
}

/** One row of the process control slip: who gave the dossier to whom, when, and how the step ended. */
export interface Handoff {
  seq: number;
  stepId?: string;
  fromAgency?: string;
  toAgency: string;
  givenAt: string;
  givenBy?: string;
  dueAt?: string;
  completedAt?: string;
  result?: Timeliness;
  note?: string;
}

export interface DossierEvent {
  seq: number;
  action: string;
  actor: string;
  actorRole?: Actor['role'];
  agencyCode?: string;
  from: StatusKey;
  to: StatusKey;
  at: string;
  detail?: Record<string, unknown>;
}

/** Everything the workflow knows about a dossier; ISO strings so queries and projections are plain JSON. */
export interface DossierState {
  code: string;
  procedureCode: string;
  channel: SubmissionChannel;
  receivingAgency: string;
  calendarVersion: string;
  status: StatusKey;
  substate?: Substate;
  submittedAt: string;
  acceptBy?: string;
  receivedAt?: string;
  receivedBy?: string;
  /** When the legal clock last (re)started: receipt, or a complete supplement (Decree 118 Art. 19(5)). */
  clockStartedAt?: string;
  dueAt?: string;
  /**
   * When the citizen is asked to come: the desk's last session of the due day. Timeliness is still judged
   * against dueAt, the legal end of that day (BLDS 2015 Art. 148).
   */
  returnAppointment?: { from: string; to: string };
  /** The appointment the receipt gave, before any extension. */
  receiptAppointment?: { from: string; to: string };
  /**
   * The span from the clock's start to the due date crosses days no holiday notice has fixed yet (a
   * provisional Tết): the due date may move when the notice is out. The dates are those days.
   */
  dueAtProvisional?: boolean;
  /** Answered the day it is received (118 Art. 17(4)): no appointment, logged like any dossier. */
  immediateResult?: boolean;
  /** An immediate result received without a receipt, the citizen not asking for one (docs/rules.md B7). */
  withoutReceipt?: boolean;
  provisionalDates?: string[];
  /** The due date before the one extension, as the citizen's receipt showed it. */
  originalDueAt?: string;
  transferAt?: string;
  transferDueAt?: string;
  transferredAt?: string;
  /** Index of the running phase of steps; -1 before transfer. */
  currentPhase: number;
  steps: StepState[];
  handoffs: Handoff[];
  documents: SubmittedDocument[];
  completionRequestCount: number;
  supplementCount: number;
  extensionCount: number;
  completion?: {
    requestedAt: string;
    requestedBy: string;
    reason: string;
    missingDocuments: string[];
    closeBy: string;
  };
  supplement?: {
    requestedAt: string;
    requestedBy: string;
    agency: string;
    reason: string;
    documents: string[];
    closeBy: string;
    receivedAt?: string;
    /** A further request made under a sector-law exception cites it here (docs/rules.md C5). */
    sectorLawBasis?: string;
  };
  /** The agency declared that it must verify: the procedure's longer limit applies (docs/rules.md P1). */
  verification?: {
    declaredAt: string;
    declaredBy: string;
    agency: string;
    reason: string;
    previousDueAt: string;
  };
  extension?: { issuedAt: string; issuedBy: string; reason: string; previousDueAt: string; newDueAt: string };
  payment?: {
    requestedAt: string;
    requestedBy: string;
    amountVnd: number;
    reason: string;
    paidAt?: string;
    reference?: string;
    /** Paid through the payment platform (the gateway's signal): the fee must reach the budget (row I3). */
    online?: boolean;
    /** The national payment platform's transaction for this demand and the page the citizen pays on (row I1). */
    transaction?: { id: string; paymentUrl: string; openedAt: string };
    /** Working days of waiting for the payment added to the deadline (rows I4). */
    excludedWorkingDays?: number;
  };
  overdue: boolean;
  overdueSince?: string;
  decision?: { kind: 'approved' | 'refused'; at: string; by: string; reason?: string; note?: string };
  finishedAt?: string;
  onTime?: boolean;
  /** A result ready before the appointment: the citizen was told it can be collected from then (118 Art. 22(5)). */
  earlyReturnAt?: string;
  returnedAt?: string;
  returnMethod?: ReturnMethod;
  withdrawal?: { at: string; by: string; reason?: string };
  refusal?: { at: string; by: string; reason: string; stage: 'reception' | 'appraisal' };
  correction?: { requestedAt: string; requestedBy: string; reason: string; dueAt: string; count: number };
  closedAt?: string;
  firedTimers: string[];
  /** Increments with every change; the read model ignores projections older than what it holds. */
  version: number;
  events: DossierEvent[];
}
