import type { ActorRole } from '../vocabulary';
import type { FeedbackCategory, FeedbackChannel, FeedbackStatus } from './vocabulary';

/** Staff act under their account; the citizen acts through the case's access code. */
export interface FeedbackActor {
  username: string;
  role: ActorRole | 'citizen';
  agencyCode: string;
}

export const CITIZEN: FeedbackActor = { username: 'citizen', role: 'citizen', agencyCode: '' };

export interface FeedbackEvent {
  seq: number;
  action: string;
  actor: string;
  actorRole: FeedbackActor['role'];
  agencyCode?: string;
  from: FeedbackStatus;
  to: FeedbackStatus;
  at: string;
  detail?: Record<string, unknown>;
}

/**
 * Everything the workflow knows about a case, ISO strings throughout. Nothing personal: the citizen's
 * contact, subject, content and additions live only in the database, keyed by the code.
 */
export interface FeedbackState {
  code: string;
  category: FeedbackCategory;
  channel: FeedbackChannel;
  /** The one-stop desk that took the case; it routes it and answers for the deadlines. */
  desk: string;
  dossierCode?: string;
  /** The case this one raises again after an unsatisfied answer. */
  raisedFrom?: string;
  consentToPublish: boolean;
  calendarVersion: string;
  status: FeedbackStatus;
  receivedAt: string;
  receivedBy: string;
  /** Rules N2: reject within 2 working days, ask for more within 5, answer within 15. */
  rejectBy: string;
  supplementBy: string;
  dueAt: string;
  publishBy?: string;
  assignedAgency?: string;
  supplement?: {
    requestedAt: string;
    requestedBy: string;
    reason: string;
    returnTo: 'received' | 'processing';
    closeBy: string;
    receivedAt?: string;
  };
  answer?: { at: string; by: string; agency: string; text: string };
  onTime?: boolean;
  publishedAt?: string;
  rejection?: { at: string; by: string; reason: string };
  rating?: { at: string; satisfied: boolean };
  overdue: boolean;
  overdueSince?: string;
  closedAt?: string;
  firedTimers: string[];
  /** Increments with every change; the read model ignores projections older than what it holds. */
  version: number;
  events: FeedbackEvent[];
}
