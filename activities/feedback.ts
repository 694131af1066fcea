import type { FeedbackState } from '../domain/feedback/types';
import type { Db } from '../platform/database/client';
import {
  appendFeedbackEvent,
  storedFeedbackEventKeys,
  updateFeedbackProjection,
  type FeedbackProjection,
} from '../platform/database/repositories/feedback';
import type { DossierActivities } from './types';

const date = (iso?: string) => (iso ? new Date(iso) : null);

/** The columns of the case's row that the workflow owns. */
export function feedbackRow(state: FeedbackState): FeedbackProjection {
  return {
    code: state.code,
    status: state.status,
    assignedAgencyCode: state.assignedAgency ?? null,
    dueAt: new Date(state.dueAt),
    publishBy: date(state.publishBy),
    overdue: state.overdue,
    rejectionReason: state.rejection?.reason ?? null,
    answer: state.answer?.text ?? null,
    answeredAt: date(state.answer?.at),
    onTime: state.onTime ?? null,
    publishedAt: date(state.publishedAt),
    satisfied: state.rating?.satisfied ?? null,
    ratedAt: date(state.rating?.at),
    closedAt: date(state.closedAt),
    projectionVersion: state.version,
  };
}

/**
 * Projects each state of a feedback workflow into its row, written by the API when the case came in,
 * and its history. At least once and in any order: the version guards the row, keys the events.
 */
export function createFeedbackActivities({ db }: { db: Db }): Pick<DossierActivities, 'projectFeedback'> {
  return {
    async projectFeedback(state: FeedbackState): Promise<void> {
      await updateFeedbackProjection(db, feedbackRow(state));
      const key = (seq: number) => `${state.code}:wf:${seq}`;
      const known = await storedFeedbackEventKeys(
        db,
        state.events.map((e) => key(e.seq)),
      );
      for (const event of state.events.filter((e) => !known.has(key(e.seq)))) {
        await appendFeedbackEvent(db, {
          key: key(event.seq),
          feedbackCode: state.code,
          action: event.action,
          actor: event.actor,
          actorRole: event.actorRole,
          agencyCode: event.agencyCode ?? null,
          fromStatus: event.from,
          toStatus: event.to,
          detail: (event.detail ?? undefined) as object | undefined,
          at: new Date(event.at),
        });
      }
    },
  };
}
