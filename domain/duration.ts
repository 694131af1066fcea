/** Units a legal time limit can be declared in (national TTHC database: giờ, ngày, ngày làm việc, tháng). */
export const DURATION_UNITS = [
  'working_days',
  'working_hours',
  'days',
  'months',
  'hours',
  'minutes',
] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/** Vietnamese wording used on receipts and letters, e.g. "15 ngày làm việc". */
export const DURATION_UNIT_LABELS: Record<DurationUnit, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  days: 'ngày',
  months: 'tháng',
  hours: 'giờ',
  minutes: 'phút',
};

export function formatDuration(d: Duration): string {
  return `${d.amount} ${DURATION_UNIT_LABELS[d.unit]}`;
}
