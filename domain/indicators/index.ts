/**
 * Decision 766/QĐ-TTg indicators (docs: one-stop rules §3): which ones the system measures, their
 * maximum points and how a rate becomes points. Pure: the counts come from the database.
 */
import { DISLIKE_SCORE } from './satisfaction';

/** Citizen evaluation items of Decree 118 Art. 33(1), as the rating form names them. */
export const RATING_ITEMS = [
  'resultTime',
  'agenciesContacted',
  'contactsNeeded',
  'publishedInfo',
  'staffAttitude',
  'lawfulness',
  'feedbackHandling',
  'onlineService',
] as const;
export type RatingItem = (typeof RATING_ITEMS)[number];

/** What the database counts over the dossiers of a period (keyed on the receipt date). */
export interface PeriodCounts {
  received: number;
  carriedOver: number;
  finished: number;
  onTime: number;
  late: number;
  inProgress: number;
  overdueInProgress: number;
  withdrawn: number;
  refused: number;
  /** Dossiers judged for 2.1 (finished or in progress), and those of them on time. */
  judged: number;
  judgedOnTime: number;
  /** Days from receipt to the end time, summed over the finished dossiers (2.2). */
  handlingDays: number;
  online: number;
  paymentRequested: number;
  paidOnline: number;
  ratings: number;
  ratingAverages: Partial<Record<RatingItem, number | null>>;
  /** Received dossiers named by a feedback case or rated with a dislike, each counted once (5.4). */
  complained: number;
  /** Feedback cases of the period: answered, or still open past their limit at its end, and on time (5.2). */
  feedbackJudged: number;
  feedbackOnTime: number;
  /** Feedback answers the citizen rated, and those they were satisfied with (5.3). */
  feedbackRated: number;
  feedbackSatisfied: number;
}

export interface Indicator {
  id: string;
  name: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  points: number | null;
  maxPoints: number;
  measurable: boolean;
  note: string | null;
}

export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Full points at `threshold` or above, else proportionally (766: "rate × max ÷ threshold"). */
function points(value: number | null, maxPoints: number, threshold = 1): number | null {
  if (value === null) return null;
  return round4(Math.min(1, value / threshold) * maxPoints);
}

export function rate(
  id: string,
  name: string,
  numerator: number,
  denominator: number,
  maxPoints: number,
  note: string | null = null,
  threshold = 1,
): Indicator {
  const value = denominator > 0 ? round4(numerator / denominator) : null;
  return {
    id,
    name,
    numerator,
    denominator,
    value,
    points: points(value, maxPoints, threshold),
    maxPoints,
    measurable: true,
    note,
  };
}

function unmeasurable(id: string, name: string, maxPoints: number, note: string): Indicator {
  return {
    id,
    name,
    numerator: null,
    denominator: null,
    value: null,
    points: null,
    maxPoints,
    measurable: false,
    note,
  };
}

const NO_CATALOGUE_DATES = 'the catalogue does not record decision and publication dates of procedures';
const NO_DIGITISATION = 'the system does not record electronic results or digitised components';

/** Every indicator of the set, measured where the data allows, in Decision 766 order. */
export function indicators(c: PeriodCounts): Indicator[] {
  const average = c.finished > 0 ? round4(c.handlingDays / c.finished) : null;
  return [
    unmeasurable('1.1', 'TTHC công bố đúng hạn', 6, NO_CATALOGUE_DATES),
    unmeasurable('1.2', 'TTHC cập nhật, công khai đúng hạn', 4, NO_CATALOGUE_DATES),
    unmeasurable('1.3', 'TTHC có đủ thành phần bắt buộc', 2, 'the national TTHC database is not read'),
    unmeasurable('1.4', 'Hồ sơ đồng bộ lên Cổng DVCQG', 6, 'the system does not sync to the national portal'),
    rate(
      '2.1',
      'Hồ sơ xử lý trước hạn, đúng hạn',
      c.judgedOnTime,
      c.judged,
      20,
      'supplement time excluded (the time limit restarts at completion); more than one supplement or completion request counts as late; an open dossier is judged at the end of the period, one waiting for the citizen at the request',
    ),
    {
      id: '2.2',
      name: 'Thời gian giải quyết trung bình (ngày)',
      numerator: round4(c.handlingDays),
      denominator: c.finished,
      value: average,
      points: null,
      maxPoints: 0,
      measurable: true,
      note: 'calendar days from receipt to the end time, over finished dossiers; for information, no points',
    },
    unmeasurable(
      '3.1',
      'TTHC cung cấp dịch vụ công trực tuyến',
      0,
      'computed over the catalogue, not dossiers',
    ),
    rate('3.3', 'Hồ sơ nộp trực tuyến', c.online, c.received, 0, 'for information, no points', 0.5),
    unmeasurable('3.5', 'TTHC tích hợp thanh toán trực tuyến', 2, 'fees are not integrated with a gateway'),
    rate(
      '3.6',
      'Hồ sơ thanh toán trực tuyến',
      c.paidOnline,
      c.paymentRequested,
      6,
      'paid online: confirmed by the payment gateway; over dossiers asked to pay',
    ),
    unmeasurable('4.1', 'Hồ sơ có kết quả điện tử', 6, NO_DIGITISATION),
    unmeasurable('4.2', 'Hồ sơ được số hóa', 4, NO_DIGITISATION),
    unmeasurable('4.3', 'Hồ sơ tái sử dụng dữ liệu số hóa', 2, NO_DIGITISATION),
    unmeasurable('4.4', 'Hồ sơ số hóa kết nối kho dữ liệu', 4, NO_DIGITISATION),
    unmeasurable('4.5', 'Khai thác CSDL quốc gia về dân cư', 4, 'the population database is not connected'),
    unmeasurable('5.1', 'PAKN theo nội dung', 0, 'counted by category in the feedback worklist, no points'),
    rate(
      '5.2',
      'PAKN xử lý đúng hạn',
      c.feedbackOnTime,
      c.feedbackJudged,
      6,
      'feedback cases received in the period: answered within their limit, over those answered or open past it',
    ),
    rate(
      '5.3',
      'Hài lòng xử lý PAKN',
      c.feedbackSatisfied,
      c.feedbackRated,
      6,
      'satisfied, over answers rated',
    ),
    customerSatisfaction(c),
  ];
}

/**
 * Indicator 5.4, satisfaction in receiving and handling dossiers: 100% less the rate of overdue dossiers
 * and the rate of dossiers with feedback or a "dislike"; full points at 90% or more.
 */
export function customerSatisfaction(
  c: Pick<PeriodCounts, 'received' | 'late' | 'overdueInProgress' | 'complained'>,
): Indicator {
  const satisfied = Math.max(0, c.received - c.late - c.overdueInProgress - c.complained);
  return rate(
    '5.4',
    'Hài lòng trong tiếp nhận, giải quyết TTHC',
    satisfied,
    c.received,
    6,
    `overdue: ${c.late + c.overdueInProgress}; with feedback or a rating of ${DISLIKE_SCORE} or less: ${c.complained}`,
    0.9,
  );
}

/** The answer of GET /stats/indicators (docs: API v1, Part 2). */
export interface IndicatorReport {
  period: { from: string; to: string };
  scope: { agency: string | null; procedure: string | null };
  dossiers: Pick<
    PeriodCounts,
    | 'received'
    | 'carriedOver'
    | 'finished'
    | 'onTime'
    | 'late'
    | 'inProgress'
    | 'overdueInProgress'
    | 'withdrawn'
    | 'refused'
  >;
  indicators: Indicator[];
  ratings: { count: number; averages: Partial<Record<RatingItem, number | null>> };
}

export function indicatorReport(
  c: PeriodCounts,
  period: IndicatorReport['period'],
  scope: IndicatorReport['scope'],
): IndicatorReport {
  const { received, carriedOver, finished, onTime, late, inProgress, overdueInProgress, withdrawn, refused } =
    c;
  return {
    period,
    scope,
    dossiers: {
      received,
      carriedOver,
      finished,
      onTime,
      late,
      inProgress,
      overdueInProgress,
      withdrawn,
      refused,
    },
    indicators: indicators(c),
    ratings: {
      count: c.ratings,
      averages: Object.fromEntries(
        RATING_ITEMS.map((item) => {
          const average = c.ratingAverages[item];
          return [item, average === null || average === undefined ? null : round4(average)];
        }),
      ),
    },
  };
}

/**
 * A period of whole days in Vietnam (no daylight saving: a day starts at 00:00 +07:00), as the instants
 * it runs between; the clock of open dossiers stops at its end or at `now`, whichever comes first.
 */
export function periodBounds(from: string, to: string, now: Date): { from: Date; to: Date; asOf: Date } {
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  return { from: start, to: end, asOf: now < end ? now : end };
}
