import type { CorrectionState } from '../domain/correction/correction';
import type { DossierState } from '../domain/dossier/types';
import type { FeedbackState } from '../domain/feedback/types';
import type { NotifyInput } from '../domain/notifications/notification';

export interface NotifyResult {
  sent: number;
  skipped: number;
  failed: number;
}

/** What the workflow hands the read model: its state and the procedure's name for the row. */
export interface ProjectDossierInput {
  state: DossierState;
  procedureName: string;
}

/**
 * What the dossier and feedback workflows ask of the outside world. Workflows import this file as types only; the
 * implementations come from factories in activities/ that take their clients.
 */
export interface DossierActivities {
  /** Upserts the read model, the audit trail and the handoffs; stale versions are ignored. */
  projectDossier(projection: ProjectDossierInput): Promise<void>;
  /** Brings the row of a dossier's correction up to its workflow's state; stale versions are ignored. */
  projectCorrection(state: CorrectionState): Promise<void>;
  /** Brings a feedback case's row and history up to its workflow's state; stale versions are ignored. */
  projectFeedback(state: FeedbackState): Promise<void>;
  notify(input: NotifyInput): Promise<NotifyResult>;
}
