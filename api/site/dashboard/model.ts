import type { IndicatorReport, RatingItem } from '../../../domain/indicators';
import { round4 } from '../../../domain/indicators';
import { formatDateTimeShort } from '../../../domain/notifications/format';
import type { MonthOnTime } from '../../../platform/database/indicators';
import type { WorklistRecord } from '../../../platform/database/repositories/dossiers';
import { trackingPath } from '../models';

/** What the leaders' dashboard shows, already worded in Vietnamese: the templates only lay it out. */

export const DOSSIER_COUNT_LABEL: Record<keyof IndicatorReport['dossiers'], string> = {
  received: 'Tiếp nhận trong kỳ',
  carriedOver: 'Kỳ trước chuyển sang',
  finished: 'Đã giải quyết',
  onTime: 'Giải quyết trước hạn, đúng hạn',
  late: 'Giải quyết quá hạn',
  inProgress: 'Đang giải quyết',
  overdueInProgress: 'Đang giải quyết, đã quá hạn',
  withdrawn: 'Công dân rút hồ sơ',
  refused: 'Từ chối giải quyết',
};

export const RATING_LABEL: Record<RatingItem, string> = {
  resultTime: 'Thời gian trả kết quả',
  agenciesContacted: 'Số cơ quan phải liên hệ',
  contactsNeeded: 'Số lần phải liên hệ',
  publishedInfo: 'Thông tin công khai',
  staffAttitude: 'Thái độ của cán bộ',
  lawfulness: 'Kết quả đúng quy định',
  feedbackHandling: 'Tiếp nhận, xử lý phản ánh',
  onlineService: 'Dịch vụ công trực tuyến',
};

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 2 });

export function dashboardView(report: IndicatorReport, trend: MonthOnTime[]) {
  return {
    counts: Object.entries(report.dossiers).map(([key, value]) => ({
      label: DOSSIER_COUNT_LABEL[key as keyof IndicatorReport['dossiers']],
      value: number.format(value),
    })),
    indicators: report.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      measurable: i.measurable,
      // 2.2 is a number of days; the others are rates.
      value:
        i.value === null ? '—' : i.id === '2.2' ? `${number.format(i.value)} ngày` : percent.format(i.value),
      fraction:
        i.numerator === null ? '' : `${number.format(i.numerator)} / ${number.format(i.denominator ?? 0)}`,
      points: i.points ?? 0,
      pointsText: i.points === null ? '—' : number.format(i.points),
      maxPoints: i.maxPoints,
      note: i.note,
    })),
    ratings: {
      count: number.format(report.ratings.count),
      items: Object.entries(report.ratings.averages).map(([item, mean]) => ({
        label: RATING_LABEL[item as RatingItem],
        value: mean,
        text: mean === null ? '—' : number.format(mean),
      })),
    },
    trend: trend.map((m) => {
      const rate = m.judged > 0 ? round4(m.judgedOnTime / m.judged) : null;
      return {
        month: `${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`,
        value: rate === null ? null : round4(rate * 100),
        text: rate === null ? '—' : percent.format(rate),
        fraction: `${number.format(m.judgedOnTime)} / ${number.format(m.judged)}`,
      };
    }),
  };
}

/** Open dossiers past or near their due date, most urgent first. */
export function urgentList(rows: WorklistRecord[], now: Date) {
  return rows.map((r) => ({
    code: r.code,
    href: trackingPath(r.code),
    procedure: r.procedureName,
    due: r.dueAt ? formatDateTimeShort(r.dueAt) : '—',
    overdue: r.dueAt !== null && r.dueAt < now,
  }));
}
