/**
 * The monthly rating summary the national portal takes as `DongBoDanhGia`: per evaluation item of
 * Decree 118 Art. 33(1), how many citizens rated it and how (docs/rules.md, M3). The reference names
 * the operation but not its fields; the names below follow the dossier record's conventions (Vietnamese
 * field names, numbers and dates as strings) and are to be checked against the real portal.
 */
import { round4, type RatingItem } from '../indicators';
import { vietnamClock, vietnamDayStart } from '../calendar/time';
import { portalDate } from './record';

/** The nine items in the decree's order; the last, "other", is what citizens write in the comment. */
export const PORTAL_RATING_ITEMS: Readonly<Record<RatingItem | 'other', { code: string; name: string }>> = {
  resultTime: { code: 'a', name: 'Thời gian trả kết quả giải quyết thủ tục hành chính so với quy định' },
  agenciesContacted: { code: 'b', name: 'Số lượng cơ quan, đơn vị phải liên hệ' },
  contactsNeeded: { code: 'c', name: 'Số lần phải liên hệ để hoàn thiện hồ sơ' },
  publishedInfo: {
    code: 'd',
    name: 'Tính chính xác, đầy đủ của thông tin thủ tục hành chính được công khai',
  },
  staffAttitude: { code: 'đ', name: 'Thái độ, cách ứng xử của cán bộ, công chức, viên chức' },
  lawfulness: {
    code: 'e',
    name: 'Tính đúng quy định của kết quả giải quyết và chi phí; chi phí ngoài quy định',
  },
  feedbackHandling: { code: 'g', name: 'Thời gian và chất lượng trả lời phản ánh, kiến nghị' },
  onlineService: { code: 'h', name: 'Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến' },
  other: { code: 'i', name: 'Các nội dung khác' },
};

/** One stored rating as the summary needs it: the scores given (1 to 5) and whether a comment came with them. */
export interface RatingOfMonth {
  scores: Partial<Record<string, number>>;
  commented: boolean;
}

export interface PortalRatingItem {
  MaTieuChi: string;
  TenTieuChi: string;
  /** Citizens who rated this item; for "other", those who wrote a comment. */
  SoLuotDanhGia: string;
  RatHaiLong: string;
  HaiLong: string;
  BinhThuong: string;
  KhongHaiLong: string;
  RatKhongHaiLong: string;
  /** The mean score, 1 to 5, "" when nobody rated the item. */
  DiemTrungBinh: string;
}

export interface PortalRatingSummary {
  Thang: string;
  Nam: string;
  TuNgay: string;
  DenNgay: string;
  /** Ratings given in the month, whatever items they cover. */
  SoLuotDanhGia: string;
  DanhSachTieuChi: PortalRatingItem[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/** The instants a month (`YYYY-MM`) runs between in Vietnam. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const [year, number] = [Number(m[1]), Number(m[2])];
  const next = number === 12 ? monthKey(year + 1, 1) : monthKey(year, number + 1);
  return { from: vietnamDayStart(`${month}-01`), to: vietnamDayStart(`${next}-01`) };
}

/** The last whole month before `now` in Vietnam: the one a run on the 1st reports. */
export function previousMonth(now: Date): string {
  const { year, month } = vietnamClock(now);
  return month === 1 ? monthKey(year - 1, 12) : monthKey(year, month - 1);
}

/** The month's summary, item by item, from the ratings citizens gave in it. */
export function ratingSummary(month: string, ratings: readonly RatingOfMonth[]): PortalRatingSummary {
  const { from, to } = monthBounds(month);
  const [year, monthNumber] = month.split('-');
  return {
    Thang: monthNumber,
    Nam: year,
    TuNgay: portalDate(from.toISOString()),
    // The portal's dates are to the second: the month's last one.
    DenNgay: portalDate(new Date(to.getTime() - 1_000).toISOString()),
    SoLuotDanhGia: String(ratings.length),
    DanhSachTieuChi: (Object.keys(PORTAL_RATING_ITEMS) as (RatingItem | 'other')[]).map((item) => {
      const { code, name } = PORTAL_RATING_ITEMS[item];
      const counts = [0, 0, 0, 0, 0];
      let total = 0;
      if (item !== 'other') {
        for (const r of ratings) {
          const score = r.scores[item];
          if (score === undefined || !Number.isInteger(score) || score < 1 || score > 5) continue;
          counts[score - 1]++;
          total += score;
        }
      }
      const rated = counts.reduce((a, b) => a + b, 0);
      return {
        MaTieuChi: code,
        TenTieuChi: name,
        SoLuotDanhGia: String(item === 'other' ? ratings.filter((r) => r.commented).length : rated),
        RatHaiLong: String(counts[4]),
        HaiLong: String(counts[3]),
        BinhThuong: String(counts[2]),
        KhongHaiLong: String(counts[1]),
        RatKhongHaiLong: String(counts[0]),
        DiemTrungBinh: rated > 0 ? String(round4(total / rated)) : '',
      };
    }),
  };
}
