import {
  monthBounds,
  previousMonth,
  ratingSummary,
  type PortalRatingItem,
  type RatingOfMonth,
} from '../../domain/portal/ratings';

describe('the month a run reports, in Vietnam time', () => {
  test.each([
    ['2026-12-01T00:00:00+07:00', '2026-11'],
    ['2026-11-30T23:59:59+07:00', '2026-10'],
    // 17:00 UTC on the last day is already the 1st in Hà Nội.
    ['2026-11-30T17:00:00Z', '2026-11'],
    ['2026-11-30T16:59:59Z', '2026-10'],
    ['2027-01-01T01:00:00+07:00', '2026-12'],
  ])('a run at %s reports %s', (now, month) => {
    expect(previousMonth(new Date(now))).toBe(month);
  });

  test.each([
    ['2026-11', '2026-10-31T17:00:00.000Z', '2026-11-30T17:00:00.000Z'],
    ['2026-12', '2026-11-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    ['2028-02', '2028-01-31T17:00:00.000Z', '2028-02-29T17:00:00.000Z'],
  ])('%s runs from %s to %s', (month, from, to) => {
    expect(monthBounds(month)).toEqual({ from: new Date(from), to: new Date(to) });
  });

  test.each(['2026-13', '2026-1', 'november'])('%s is refused', (month) => {
    expect(() => monthBounds(month)).toThrow(RangeError);
  });
});

/** An item's line as [code, rated, very satisfied … very dissatisfied, mean]. */
const line = (i: PortalRatingItem) => [
  i.MaTieuChi,
  i.SoLuotDanhGia,
  i.RatHaiLong,
  i.HaiLong,
  i.BinhThuong,
  i.KhongHaiLong,
  i.RatKhongHaiLong,
  i.DiemTrungBinh,
];

describe('the monthly summary per evaluation item', () => {
  const ratings: RatingOfMonth[] = [
    { scores: { resultTime: 5, staffAttitude: 5, onlineService: 4 }, commented: true },
    { scores: { resultTime: 4, staffAttitude: 1 }, commented: false },
    { scores: { resultTime: 1, lawfulness: 3 }, commented: true },
    { scores: {}, commented: true },
  ];

  test('counts each item by score and averages it, in the order of Decree 118 Art. 33(1)', () => {
    const summary = ratingSummary('2026-11', ratings);
    expect(summary.DanhSachTieuChi.map(line)).toEqual([
      ['a', '3', '1', '1', '0', '0', '1', '3.3333'],
      ['b', '0', '0', '0', '0', '0', '0', ''],
      ['c', '0', '0', '0', '0', '0', '0', ''],
      ['d', '0', '0', '0', '0', '0', '0', ''],
      ['đ', '2', '1', '0', '0', '0', '1', '3'],
      ['e', '1', '0', '0', '1', '0', '0', '3'],
      ['g', '0', '0', '0', '0', '0', '0', ''],
      ['h', '1', '0', '1', '0', '0', '0', '4'],
      // "Other" is the comments.
      ['i', '3', '0', '0', '0', '0', '0', ''],
    ]);
    expect(summary.DanhSachTieuChi[0].TenTieuChi).toBe(
      'Thời gian trả kết quả giải quyết thủ tục hành chính so với quy định',
    );
  });

  test('names the month and its first and last second in Vietnam time', () => {
    expect(ratingSummary('2026-11', ratings)).toMatchObject({
      Thang: '11',
      Nam: '2026',
      TuNgay: '20261101000000',
      DenNgay: '20261130235959',
      SoLuotDanhGia: '4',
    });
  });

  test('a month without ratings still reports every item, at zero', () => {
    const summary = ratingSummary('2027-01', []);
    expect(summary.SoLuotDanhGia).toBe('0');
    expect(summary.DanhSachTieuChi).toHaveLength(9);
    expect(summary.DanhSachTieuChi.every((i) => i.SoLuotDanhGia === '0' && i.DiemTrungBinh === '')).toBe(
      true,
    );
  });

  test('a score outside 1 to 5 is not counted', () => {
    const [resultTime] = ratingSummary('2026-11', [
      { scores: { resultTime: 0 }, commented: false },
      { scores: { resultTime: 6 }, commented: false },
      { scores: { resultTime: 2.5 }, commented: false },
      { scores: { resultTime: 2 }, commented: false },
    ]).DanhSachTieuChi;
    expect(line(resultTime)).toEqual(['a', '1', '0', '0', '0', '1', '0', '2']);
  });
});
