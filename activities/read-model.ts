import type { CorrectionState } from '../domain/correction/correction';
import { SYSTEM_ACTOR } from '../domain/dossier/commands';
import { unpaidDemand } from '../domain/dossier/online-payment';
import { DOSSIER_STATUSES } from '../domain/status';
import type { DossierState } from '../domain/dossier/types';
import type { Db } from '../platform/database/client';
import {
  appendDossierEvent,
  upsertDossierProjection,
  upsertStepHolders,
  upsertCorrectionProjection,
  upsertHandoff,
  type CorrectionProjection,
  type DossierProjection,
} from '../platform/database/repositories/read-model';
import { storedEventKeys } from '../platform/database/repositories/events';
import type { DossierActivities, ProjectDossierInput } from './types';

const date = (iso?: string) => (iso ? new Date(iso) : null);

/** The read-model row of a workflow state: the columns the workflow owns, nothing personal. */
export function readModelRow(state: DossierState, procedureName: string): DossierProjection {
  const active = state.steps.filter((s) => s.state === 'active');
  return {
    code: state.code,
    procedureCode: state.procedureCode,
    procedureName,
    channel: state.channel,
    documents: JSON.parse(JSON.stringify(state.documents)) as DossierProjection['documents'],
    statusCode: DOSSIER_STATUSES[state.status].code,
    statusKey: state.status,
    substate: state.substate ?? null,
    currentStepIds: active.length ? active.map((s) => s.id).join(',') : null,
    currentAgencyCode: active[0]?.agency ?? null,
    steps: JSON.parse(JSON.stringify(state.steps)) as DossierProjection['steps'],
    receivingAgencyCode: state.receivingAgency,
    submittedAt: new Date(state.submittedAt),
    receivedAt: date(state.receivedAt),
    acceptBy: date(state.acceptBy),
    dueAt: date(state.dueAt),
    originalDueAt: date(state.originalDueAt),
    extensionCount: state.extensionCount,
    supplementCount: state.supplementCount,
    completionRequestCount: state.completionRequestCount,
    overdue: state.overdue,
    finishedAt: date(state.finishedAt ?? state.closedAt),
    returnedAt: date(state.returnedAt),
    onTime: state.onTime ?? null,
    supplementRequestedAt: date(state.supplement?.requestedAt),
    paymentRequestedAt: date(state.payment?.requestedAt),
    // The gateway's callback confirms as the system; a clerk confirms a payment made at the desk.
    paidOnline: state.events.some((e) => e.action === 'confirmPayment' && e.actor === SYSTEM_ACTOR.username),
    paymentUrl: unpaidDemand(state)?.transaction?.paymentUrl ?? null,
    refused: state.refusal !== undefined,
    calendarVersion: state.calendarVersion,
    dueAtProvisional: state.dueAtProvisional ?? false,
    provisionalDates: state.provisionalDates?.length ? state.provisionalDates.join(',') : null,
    returnAppointmentFrom: date(state.returnAppointment?.from),
    returnAppointmentTo: date(state.returnAppointment?.to),
    receiptAppointmentFrom: date(state.receiptAppointment?.from),
    receiptAppointmentTo: date(state.receiptAppointment?.to),
    projectionVersion: state.version,
  };
}

/** The row of a correction: what the dossier views show of it. */
export function correctionRow(state: CorrectionState): CorrectionProjection {
  return {
    dossierCode: state.dossierCode,
    seq: state.seq,
    requestedAt: new Date(state.requestedAt),
    requestedBy: state.requestedBy.username,
    reason: state.reason,
    resultAgencyCode: state.resultAgency,
    dueAt: new Date(state.dueAt),
    status: state.status,
    overdue: state.overdue,
    completedAt: date(state.correctedAt),
    completedBy: state.correctedBy ?? null,
    note: state.note ?? null,
    projectionVersion: state.version,
  };
}

/**
 * Projects each workflow state into the read model. Runs at least once and possibly out of order: the
 * row keeps the highest version, events and handoffs are keyed, so a retry writes nothing twice.
 */
export function createReadModelActivities({
  db,
}: {
  db: Db;
}): Pick<DossierActivities, 'projectDossier' | 'projectCorrection'> {
  return {
    async projectCorrection(state: CorrectionState): Promise<void> {
      await upsertCorrectionProjection(db, correctionRow(state));
    },
    async projectDossier({ state, procedureName }: ProjectDossierInput): Promise<void> {
      await upsertDossierProjection(db, readModelRow(state, procedureName));
      await upsertStepHolders(
        db,
        state.code,
        state.version,
        state.steps.map((step) => ({
          stepId: step.id,
          agencyCode: step.agency,
          active: step.state === 'active',
          assignee: step.assignee ?? null,
        })),
      );
      const keys = state.events.map((e) => `${state.code}:wf:${e.seq}`);
      const known = await storedEventKeys(db, keys);
      for (const event of state.events) {
        const key = `${state.code}:wf:${event.seq}`;
        if (known.has(key)) continue;
        await appendDossierEvent(db, {
          key,
          dossierCode: state.code,
          action: event.action,
          actor: event.actor,
          actorRole: event.actorRole ?? null,
          agencyCode: event.agencyCode ?? null,
          fromStatus: DOSSIER_STATUSES[event.from].code,
          toStatus: DOSSIER_STATUSES[event.to].code,
          outcome: 'applied',
          detail: (event.detail ?? undefined) as object | undefined,
          at: new Date(event.at),
        });
      }
      for (const h of state.handoffs) {
        await upsertHandoff(db, {
          key: `${state.code}:handoff:${h.seq}`,
          dossierCode: state.code,
          seq: h.seq,
          stepId: h.stepId ?? null,
          fromAgencyCode: h.fromAgency ?? null,
          toAgencyCode: h.toAgency,
          givenAt: new Date(h.givenAt),
          givenBy: h.givenBy ?? null,
          receivedAt: new Date(h.givenAt),
          dueAt: date(h.dueAt),
          completedAt: date(h.completedAt),
          result: h.result ?? null,
          note: h.note ?? null,
        });
      }
    },
  };
}
