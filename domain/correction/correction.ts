/**
 * Correction of a wrong result caused by the agency (118 Art. 23(1), rules F9): a short case of its own,
 * linked to the returned dossier by its code, so the dossier's workflow can end at the return.
 */
import { z } from 'zod';
import type { CalendarSnapshot } from '../calendar';
import type { WorkingCalendar } from '../calendar/workflow-safe';
import type { Duration } from '../duration';
import type { Notification } from '../notifications/notification';
import { CORRECTION_LIMIT } from '../dossier/context';
import { DossierRuleError } from '../dossier/errors';
import { forbid } from '../dossier/guards';
import type { Actor } from '../dossier/types';

/** The agency that issued the result is reminded this long before the limit. */
export const CORRECTION_REMINDER: Duration = { amount: 1, unit: 'working_days' };

export const CompleteCorrectionPayload = z.strictObject({ note: z.string().trim().min(1).max(2000) });
export type CompleteCorrectionPayload = z.infer<typeof CompleteCorrectionPayload>;

export interface CorrectionStart {
  dossierCode: string;
  /** The dossier's n-th correction, from 1. */
  seq: number;
  procedureName: string;
  receivingAgency: string;
  /** The agency of the last step, which issued the result and corrects it. */
  resultAgency: string;
  requestedAt: string;
  requestedBy: Actor;
  reason: string;
}

export interface CorrectionWorkflowInput {
  start: CorrectionStart;
  /** The procedure's working calendar, on which the limit counts. */
  calendar: CalendarSnapshot;
}

export interface CorrectionState extends CorrectionStart {
  status: 'correcting' | 'corrected';
  dueAt: string;
  reminded: boolean;
  overdue: boolean;
  correctedAt?: string;
  correctedBy?: string;
  note?: string;
  version: number;
}

export interface CorrectionOutcome {
  state: CorrectionState;
  notifications: Notification[];
}

/** The workflow id of a dossier's n-th correction. */
export const correctionWorkflowId = (dossierCode: string, seq: number) => `correction:${dossierCode}:${seq}`;

export function startCorrection(start: CorrectionStart, calendar: WorkingCalendar): CorrectionOutcome {
  const dueAt = calendar.addDuration(new Date(start.requestedAt), CORRECTION_LIMIT).toISOString();
  const state: CorrectionState = {
    ...start,
    status: 'correcting',
    dueAt,
    reminded: false,
    overdue: false,
    version: 1,
  };
  return { state, notifications: [toResultAgency(state, 'transferred', 'request')] };
}

/** The issuing agency records the corrected result; the citizen is told it is back at the desk. */
export function completeCorrection(
  state: CorrectionState,
  actor: Actor,
  payload: CompleteCorrectionPayload,
  now: Date,
): CorrectionOutcome {
  if (state.status !== 'correcting') throw new DossierRuleError('INVALID_TRANSITION', 'already corrected');
  if (actor.role !== 'leader' && actor.role !== 'specialist')
    forbid(`a ${actor.role} may not correct a result`);
  if (actor.agencyCode !== state.resultAgency) forbid(`the result was issued by ${state.resultAgency}`);
  const parsed = CompleteCorrectionPayload.safeParse(payload);
  if (!parsed.success) throw new DossierRuleError('VALIDATION_FAILED', z.prettifyError(parsed.error));
  const next: CorrectionState = {
    ...state,
    status: 'corrected',
    correctedAt: now.toISOString(),
    correctedBy: actor.username,
    note: parsed.data.note,
    version: state.version + 1,
  };
  return {
    state: next,
    notifications: [
      {
        occasion: 'returned',
        occurrence: `correction:${state.seq}`,
        audience: { kind: 'citizen' },
        data: { ...dataOf(next), returnedAt: next.correctedAt! },
      },
    ],
  };
}

export type CorrectionTimer = { kind: 'reminder' | 'overdue'; at: Date };

/** The next moment the case must act by itself, if any. */
export function nextCorrectionTimer(
  state: CorrectionState,
  calendar: WorkingCalendar,
): CorrectionTimer | undefined {
  if (state.status !== 'correcting') return undefined;
  const due = new Date(state.dueAt);
  if (!state.reminded)
    return { kind: 'reminder', at: calendar.subtractForReminder(due, CORRECTION_REMINDER) };
  if (!state.overdue) return { kind: 'overdue', at: due };
  return undefined;
}

export function fireCorrectionTimer(state: CorrectionState, timer: CorrectionTimer): CorrectionOutcome {
  const version = state.version + 1;
  if (timer.kind === 'reminder') {
    return {
      state: { ...state, reminded: true, version },
      notifications: [toResultAgency(state, 'dossier_reminder', 'reminder', { dueInWorkingDays: 1 })],
    };
  }
  return {
    state: { ...state, overdue: true, version },
    notifications: [toResultAgency(state, 'overdue_alert', 'overdue')],
  };
}

/** Nothing waits once the result is corrected; a late case stays open until it is. */
export const isCorrectionFinished = (state: CorrectionState) => state.status === 'corrected';

function dataOf(state: CorrectionState) {
  return { code: state.dossierCode, procedureName: state.procedureName, dueAt: state.dueAt };
}

function toResultAgency(
  state: CorrectionState,
  occasion: 'transferred' | 'dossier_reminder' | 'overdue_alert',
  what: string,
  extra: Record<string, number> = {},
): Notification {
  return {
    occasion,
    occurrence: `correction:${state.seq}:${what}`,
    audience: { kind: 'staff', agencyCode: state.resultAgency, roles: ['leader', 'specialist'] },
    data: { ...dataOf(state), ...extra },
  };
}
