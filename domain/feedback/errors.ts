import { DomainError } from '../errors';

/**
 * Why a staff or citizen action on a feedback case is refused. The API maps FORBIDDEN to 403 and the
 * rest to 409 with the code as given (the contract's codes).
 */
export const FEEDBACK_REFUSALS = [
  'INVALID_TRANSITION',
  'SUPPLEMENT_ALREADY_REQUESTED',
  'SUPPLEMENT_TOO_LATE',
  'ALREADY_RATED',
  'NO_CONSENT_TO_PUBLISH',
  'FEEDBACK_CLOSED',
  'FORBIDDEN',
] as const;
export type FeedbackRefusal = (typeof FEEDBACK_REFUSALS)[number];

export class FeedbackRuleError extends DomainError<FeedbackRefusal> {}
