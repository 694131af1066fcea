/**
 * Indicator 5.4 of Decision 766, satisfaction in receiving and handling dossiers: 100% less the rate of
 * overdue dossiers and the rate of dossiers with feedback (phản ánh, kiến nghị) or a "dislike"; full
 * points at 90% or more, else rate × max ÷ 90%.
 */
import { rate, type Indicator, type PeriodCounts } from './index';

/** A rating with any item at this score or below says the citizen disliked the handling. */
export const DISLIKE_SCORE = 2;

export function customerSatisfaction(
  c: Pick<PeriodCounts, 'received' | 'late' | 'overdueInProgress'>,
  /** Dossiers of the period named by a feedback case or rated with a dislike, each counted once. */
  complained: number,
): Indicator {
  const satisfied = Math.max(0, c.received - c.late - c.overdueInProgress - complained);
  return rate(
    '5.4',
    'Hài lòng trong tiếp nhận, giải quyết TTHC',
    satisfied,
    c.received,
    6,
    `overdue: ${c.late + c.overdueInProgress}; with feedback or a rating of ${DISLIKE_SCORE} or less: ${complained}`,
    0.9,
  );
}
