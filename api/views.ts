import { formatVietnamTime } from '../domain/calendar/workflow-safe';
import type { CorrectionState } from '../domain/correction/correction';
import type { DossierState, Handoff, StepState, SubmittedDocument } from '../domain/dossier/types';
import type { DeliveryChannel } from '../domain/notifications';
import { status, statusByCode, type StatusKey } from '../domain/status';
import type { SubmissionChannel } from '../domain/vocabulary';
import type {
  DossierRecord as DossierRow,
  WorklistRecord as WorklistRow,
} from '../platform/database/repositories/dossiers';
import type { CorrectionRecord as CorrectionRow } from '../platform/database/repositories/corrections';
import type { DossierFileRecord as FileRow } from '../platform/database/repositories/dossier-files';
import type { DossierEventRecord as EventRow } from '../platform/database/repositories/events';
import type { HandoffRecord as HandoffRow } from '../platform/database/repositories/handoffs';
import type { NotificationRecord as NotificationRow } from '../platform/database/repositories/outbox';
import type {
  CorrectionSchema,
  DossierDetail,
  DossierFileSchema,
  DossierView,
  EventSchema,
  HandoffView,
  NotificationSchema,
  NotificationStatus,
  PublicDossierSchema,
  StepView,
  WorklistItemSchema,
} from './schemas';
import type { z } from 'zod';
import type { PortalSyncStatus } from '../workflows/portal-messages';

/**
 * Answers built from the workflow's state (after an action) or from the read model (reads): both go
 * through `dossierView`, so a dossier looks the same whichever side answered.
 */

type Instant = Date | string | null | undefined;
type PublicDossier = z.infer<typeof PublicDossierSchema>;

/** Vietnam time with its offset, as every time the API answers. */
export function vnTime(t: Date | string): string {
  return formatVietnamTime(typeof t === 'string' ? new Date(t) : t);
}

const optionalTime = (t: Instant): string | null => (t === null || t === undefined ? null : vnTime(t));

export function dossierLinks(baseUrl: string, code: string): Record<string, string> {
  const self = `${baseUrl}/api/v1/dossiers/${code}`;
  return {
    self,
    events: `${self}/events`,
    notifications: `${self}/notifications`,
    tracking: publicLink(baseUrl, code),
  };
}

export function publicLink(baseUrl: string, code: string): string {
  return `${baseUrl}/api/v1/public/dossiers/${code}`;
}

/** The facts a dossier answer is made of, named as in the workflow's state. */
interface DossierFacts {
  code: string;
  procedureCode: string;
  procedureName: string;
  channel: SubmissionChannel;
  status: StatusKey;
  substate?: string | null;
  receivingAgency: string;
  submittedAt: Date | string;
  acceptBy?: Instant;
  receivedAt?: Instant;
  dueAt?: Instant;
  originalDueAt?: Instant;
  returnAppointment?: { from: Date | string; to: Date | string } | null;
  dueAtProvisional?: boolean;
  provisionalDates?: string[];
  finishedAt?: Instant;
  returnedAt?: Instant;
  extensionCount: number;
  supplementCount: number;
  overdue: boolean;
  steps: StepState[];
  handoffs: Handoff[];
  documents: SubmittedDocument[];
}

function dossierView(f: DossierFacts, baseUrl: string): DossierView {
  return {
    code: f.code,
    procedure: { code: f.procedureCode, name: f.procedureName },
    channel: f.channel,
    status: status(f.status),
    substate: f.substate ?? null,
    receivingAgency: f.receivingAgency,
    currentAgencies: [...new Set(f.steps.filter((s) => s.state === 'active').map((s) => s.agency))],
    submittedAt: vnTime(f.submittedAt),
    acceptBy: optionalTime(f.acceptBy),
    receivedAt: optionalTime(f.receivedAt),
    dueAt: optionalTime(f.dueAt),
    originalDueAt: optionalTime(f.originalDueAt),
    returnAppointment: appointmentView(f.returnAppointment),
    dueAtProvisional: f.dueAtProvisional ?? false,
    provisionalDates: f.provisionalDates ?? [],
    extensionCount: f.extensionCount,
    supplementCount: f.supplementCount,
    overdue: f.overdue,
    finishedAt: optionalTime(f.finishedAt),
    returnedAt: optionalTime(f.returnedAt),
    steps: f.steps.map(stepView),
    handoffs: f.handoffs.map(handoffView),
    documents: f.documents,
    links: dossierLinks(baseUrl, f.code),
  };
}

function appointmentView(a: DossierFacts['returnAppointment']) {
  return a ? { from: vnTime(a.from), to: vnTime(a.to) } : null;
}

/** The appointment the read model keeps in two columns. */
function appointmentOfRow(row: DossierRow): DossierFacts['returnAppointment'] {
  const { returnAppointmentFrom: from, returnAppointmentTo: to } = row;
  return from && to ? { from, to } : null;
}

function stepView(s: StepState): StepView {
  return {
    id: s.id,
    name: s.name,
    agency: s.agency,
    role: s.role,
    state: s.state,
    assignee: s.assignee ?? null,
    startedAt: optionalTime(s.startedAt),
    dueAt: optionalTime(s.dueAt),
    completedAt: optionalTime(s.completedAt),
    completedBy: s.completedBy ?? null,
    result: s.result ?? null,
    note: s.note ?? null,
  };
}

function handoffView(h: Handoff): HandoffView {
  return {
    seq: h.seq,
    stepId: h.stepId ?? null,
    fromAgency: h.fromAgency ?? null,
    toAgency: h.toAgency,
    givenAt: vnTime(h.givenAt),
    givenBy: h.givenBy ?? null,
    dueAt: optionalTime(h.dueAt),
    completedAt: optionalTime(h.completedAt),
    result: h.result ?? null,
    note: h.note ?? null,
  };
}

/** The answer to an action: the state the workflow returned from the Update. */
export function viewOfState(state: DossierState, procedureName: string, baseUrl: string): DossierView {
  return dossierView({ ...state, procedureName }, baseUrl);
}

function factsOfRow(row: DossierRow, handoffs: HandoffRow[]): DossierFacts {
  return {
    ...row,
    channel: row.channel as SubmissionChannel,
    status: row.statusKey as StatusKey,
    receivingAgency: row.receivingAgencyCode,
    steps: row.steps as unknown as StepState[],
    documents: row.documents as unknown as SubmittedDocument[],
    provisionalDates: row.provisionalDates?.split(',') ?? [],
    returnAppointment: appointmentOfRow(row),
    handoffs: handoffs.map((h) => ({
      seq: h.seq,
      stepId: h.stepId ?? undefined,
      fromAgency: h.fromAgencyCode ?? undefined,
      toAgency: h.toAgencyCode,
      givenAt: h.givenAt.toISOString(),
      givenBy: h.givenBy ?? undefined,
      dueAt: h.dueAt?.toISOString(),
      completedAt: h.completedAt?.toISOString(),
      result: (h.result ?? undefined) as Handoff['result'],
      note: h.note ?? undefined,
    })),
  };
}

/** Everything about a dossier, for the staff who may see it: the read model plus the applicant. */
/** What the dossier view says of the portal sync, from the sync workflow's answer. */
function portalSyncView(
  sync: PortalSyncStatus | null | 'unknown',
): Pick<DossierDetail, 'portalSync' | 'portalSyncUnknown'> {
  if (sync === null || sync === 'unknown') return { portalSync: null, portalSyncUnknown: sync !== null };
  const { state, syncedSeq, receivedSeq, lastError } = sync;
  return {
    portalSync: { state, syncedSeq, receivedSeq, lastError: lastError ?? null },
    portalSyncUnknown: false,
  };
}

/** The current files of a dossier's components, by position. */
export type DossierFiles = ReadonlyMap<number, FileRow>;

export function fileLink(baseUrl: string, code: string, position: number): string {
  return `${baseUrl}/api/v1/dossiers/${code}/documents/${position}/file`;
}

export function fileView(file: FileRow, baseUrl: string): z.infer<typeof DossierFileSchema> {
  return {
    position: file.position,
    sha256: file.sha256,
    size: file.size,
    mediaType: file.mediaType as z.infer<typeof DossierFileSchema>['mediaType'],
    fileName: file.fileName,
    attachedBy: file.attachedBy,
    attachedAt: vnTime(file.attachedAt),
    links: { download: fileLink(baseUrl, file.dossierCode, file.position) },
  };
}

export function detailOfRow(
  row: DossierRow,
  handoffs: HandoffRow[],
  baseUrl: string,
  sync: PortalSyncStatus | null | 'unknown',
  files: DossierFiles,
): Omit<DossierDetail, 'feedback' | 'corrections'> {
  const documents = (row.documents as unknown as SubmittedDocument[]).map((document, position) => {
    const file = files.get(position);
    return { ...document, digitised: file !== undefined, file: file ? fileView(file, baseUrl) : null };
  });
  return {
    ...portalSyncView(sync),
    ...dossierView(factsOfRow(row, handoffs), baseUrl),
    documents,
    paymentUrl: row.paymentUrl,
    applicant: {
      fullName: row.applicantName,
      idNumber: row.applicantIdNumber,
      phone: row.applicantPhone,
      email: row.applicantEmail,
      address: row.applicantAddress,
    },
  };
}

export function worklistItem(row: WorklistRow, baseUrl: string): z.infer<typeof WorklistItemSchema> {
  return {
    code: row.code,
    procedure: { code: row.procedureCode, name: row.procedureName },
    channel: row.channel as SubmissionChannel,
    status: status(row.statusKey as StatusKey),
    applicantName: row.applicantName,
    receivingAgency: row.receivingAgencyCode,
    currentAgency: row.currentAgencyCode,
    submittedAt: vnTime(row.submittedAt),
    receivedAt: optionalTime(row.receivedAt),
    dueAt: optionalTime(row.dueAt),
    dueAtProvisional: row.dueAtProvisional,
    overdue: row.overdue,
    links: dossierLinks(baseUrl, row.code),
  };
}

type CorrectionView = z.infer<typeof CorrectionSchema>;

/** The facts a correction answer is made of, from its workflow's state or from the read model. */
interface CorrectionFacts {
  seq: number;
  requestedAt: Date | string;
  requestedBy: string;
  reason: string;
  resultAgency: string;
  dueAt: Date | string;
  status: string;
  overdue: boolean;
  completedAt?: Instant;
  completedBy?: string | null;
  note?: string | null;
}

function correctionView(c: CorrectionFacts): CorrectionView {
  return {
    seq: c.seq,
    requestedAt: vnTime(c.requestedAt),
    requestedBy: c.requestedBy,
    reason: c.reason,
    resultAgency: c.resultAgency,
    dueAt: vnTime(c.dueAt),
    status: c.status as CorrectionView['status'],
    overdue: c.overdue,
    completedAt: optionalTime(c.completedAt),
    completedBy: c.completedBy ?? null,
    note: c.note ?? null,
  };
}

export const correctionOfRow = (row: CorrectionRow) =>
  correctionView({ ...row, resultAgency: row.resultAgencyCode });

/** The answer to the completion: the state the correction workflow returned from the Update. */
export const correctionOfState = (state: CorrectionState) =>
  correctionView({
    ...state,
    requestedBy: state.requestedBy.username,
    completedAt: state.correctedAt,
    completedBy: state.correctedBy,
  });

/** The citizen's tracking page: no identity number, phone, e-mail, address, staff names or notes. */
export function publicView(row: DossierRow, baseUrl: string): Omit<PublicDossier, 'documents'> {
  return {
    code: row.code,
    procedure: { code: row.procedureCode, name: row.procedureName },
    applicantName: maskName(row.applicantName),
    status: status(row.statusKey as StatusKey),
    submittedAt: vnTime(row.submittedAt),
    receivedAt: optionalTime(row.receivedAt),
    dueAt: optionalTime(row.dueAt),
    originalDueAt: optionalTime(row.originalDueAt),
    returnAppointment: appointmentView(appointmentOfRow(row)),
    overdue: row.overdue,
    finishedAt: optionalTime(row.finishedAt),
    returnedAt: optionalTime(row.returnedAt),
    paymentUrl: row.paymentUrl,
    steps: (row.steps as unknown as StepState[]).map((s) => ({
      name: s.name,
      agency: s.agency,
      state: s.state,
      dueAt: optionalTime(s.dueAt),
      completedAt: optionalTime(s.completedAt),
      result: s.result ?? null,
    })),
    links: { self: publicLink(baseUrl, row.code) },
  };
}

/** The public JSON view: the tracking view and which components are digitised (names only, no files). */
export function publicDossier(row: DossierRow, baseUrl: string, files: DossierFiles): PublicDossier {
  return {
    ...publicView(row, baseUrl),
    documents: (row.documents as unknown as SubmittedDocument[]).map((document, position) => ({
      ...document,
      digitised: files.has(position),
    })),
  };
}

/**
 * "Nguyễn Văn An" → "Nguyễn V*** A": the family name, the initial of each middle name, the initial of
 * the given name; enough for the citizen to recognise the dossier, too little to identify anyone.
 */
export function maskName(fullName: string): string {
  const words = fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  const initial = (word: string) => Array.from(word)[0] ?? '';
  if (words.length <= 1) return `${initial(words[0] ?? '')}***`;
  const middle = words.slice(1, -1).map((w) => `${initial(w)}***`);
  return [words[0], ...middle, initial(words[words.length - 1])].join(' ');
}

export function eventView(row: EventRow): z.infer<typeof EventSchema> {
  const statusOf = (code: number | null) => (code === null ? null : (statusByCode(code) ?? null));
  return {
    at: vnTime(row.at),
    action: row.action,
    actor: row.actor,
    actorRole: row.actorRole,
    agencyCode: row.agencyCode,
    from: statusOf(row.fromStatus),
    to: statusOf(row.toStatus),
    outcome: row.outcome as 'applied' | 'rejected' | 'denied',
    reason: row.reason,
    detail: row.detail,
  };
}

/** A claimed message ('sending') has not left yet: to a reader it is still queued. */
const OUTBOX_STATUS: Record<'queued' | 'sending' | 'sent' | 'failed', NotificationStatus> = {
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  failed: 'failed',
};

export function notificationView(row: NotificationRow): z.infer<typeof NotificationSchema> {
  return {
    at: vnTime(row.createdAt),
    occasion: row.occasion,
    template: row.template,
    audience: row.audience,
    channel: row.channel as DeliveryChannel,
    recipient: row.recipientMasked,
    subject: row.subject,
    status: OUTBOX_STATUS[row.status as keyof typeof OUTBOX_STATUS],
    attempts: row.attempts,
    sentAt: optionalTime(row.sentAt),
  };
}
