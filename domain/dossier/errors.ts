import { DomainError } from '../errors';

/**
 * Why an action is refused. The REST API maps FORBIDDEN to 403, VALIDATION_FAILED to 400 and the rest to
 * 409 with the code as given (the contract's transition codes).
 */
export const TRANSITION_CODES = [
  'INVALID_TRANSITION',
  'SUPPLEMENT_ALREADY_REQUESTED',
  'SUPPLEMENT_TOO_LATE',
  'COMPLETION_ALREADY_REQUESTED',
  'EXTENSION_ALREADY_USED',
  'EXTENSION_TOO_LATE',
  'DOSSIER_CLOSED',
  'STEP_NOT_CURRENT',
  'NO_PREVIOUS_STEP',
  'PAYMENT_NOT_REQUIRED',
  'CORRECTION_WINDOW_CLOSED',
] as const;

export type TransitionCode = (typeof TRANSITION_CODES)[number];
export type RefusalCode = TransitionCode | 'FORBIDDEN' | 'VALIDATION_FAILED';

export class DossierRuleError extends DomainError<RefusalCode> {}
