import { DailySequenceExhaustedError, MAX_DAILY_SEQUENCE, dossierCodeDay } from '../dossier-code';

/**
 * Feedback codes: `PAKN-yyMMdd-0001`, the day of receipt in Vietnam and the province's own sequence of
 * that day. They never look like a dossier code, so one tracking link and one outbox serve both.
 */
export const FEEDBACK_SERIES = 'PAKN';
export const FEEDBACK_CODE_PATTERN = /^PAKN-\d{6}-(?!0000)\d{4}$/;

export const feedbackCodeDay = dossierCodeDay;

export function formatFeedbackCode(day: string, sequence: number): string {
  if (sequence > MAX_DAILY_SEQUENCE) throw new DailySequenceExhaustedError(FEEDBACK_SERIES, day);
  return `${FEEDBACK_SERIES}-${day}-${String(sequence).padStart(4, '0')}`;
}

export function isFeedbackCode(code: string): boolean {
  return FEEDBACK_CODE_PATTERN.test(code);
}
