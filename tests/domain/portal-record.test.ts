import type { DossierEvent, DossierState } from '../../domain/dossier/types';
import {
  portalDate,
  SUMMARY_MAX_LENGTH,
  toPortalRecord,
  toProgressEntries,
  type PortalChange,
  type PortalOwner,
} from '../../domain/portal/record';
import { getProcedure } from '../../procedures';

const AGENCY_NAMES: Record<string, string> = {
  centre: 'Trung tâm',
  land: 'Sở Nông nghiệp',
  justice: 'Sở Tư pháp',
};
const agencyName = (code: string) => AGENCY_NAMES[code] ?? code;
const owner: PortalOwner = { fullName: 'Nguyễn Văn An', idNumber: '079123456789', email: 'an@example.com' };

function event(
  seq: number,
  action: string,
  to: DossierEvent['to'],
  extra: Partial<DossierEvent> = {},
): DossierEvent {
  return {
    seq,
    action,
    actor: 'centre.receiver',
    actorRole: 'receiver',
    agencyCode: 'centre',
    from: 'submitted',
    to,
    at: '2026-11-23T02:00:00.000Z',
    ...extra,
  };
}

function state(overrides: Partial<DossierState> = {}): DossierState {
  return {
    code: '000.00.01.H56-261123-0001',
    procedureCode: '1.001193',
    channel: 'counter',
    receivingAgency: 'centre',
    calendarVersion: 'v',
    status: 'received',
    submittedAt: '2026-11-23T02:00:00.000Z',
    receivedAt: '2026-11-23T02:00:00.000Z',
    dueAt: '2026-11-24T10:00:00.000Z',
    currentPhase: 0,
    steps: [
      {
        id: 'verify',
        name: 'Kiểm tra hồ sơ',
        agency: 'land',
        role: 'specialist',
        phase: 0,
        state: 'active',
        startedAt: '2026-11-23T03:00:00.000Z',
        dueAt: '2026-11-23T09:00:00.000Z',
      },
    ],
    handoffs: [],
    documents: [{ name: 'Tờ khai', form: 'original' }],
    completionRequestCount: 0,
    supplementCount: 0,
    extensionCount: 0,
    overdue: false,
    firedTimers: [],
    version: 1,
    events: [event(1, 'receive', 'received')],
    ...overrides,
  };
}

const birth = getProcedure('1.001193')!;
const change = (s: DossierState, fromEvent = 0): PortalChange => ({
  seq: 1,
  state: s,
  procedure: birth,
  fromEvent,
  final: false,
});

describe('portal dates', () => {
  test.each([
    ['2026-11-23T02:00:00.000Z', '20261123090000'],
    ['2026-12-31T17:30:05.000Z', '20270101003005'],
    ['2026-01-01T00:00:00.000Z', '20260101070000'],
    [undefined, ''],
    ['', ''],
  ])('%s is %s in Vietnam time', (iso, expected) => {
    expect(portalDate(iso)).toBe(expected);
  });

  test('a date that is not one is refused', () => {
    expect(() => portalDate('tomorrow')).toThrow(RangeError);
  });
});

describe('the dossier record', () => {
  test.each([
    ['counter', '1'],
    ['online', '2'],
    ['postal', '3'],
  ] as const)('channel %s is KenhThucHien %s', (channel, code) => {
    expect(toPortalRecord(change(state({ channel })), { owner, agencyName }).KenhThucHien).toBe(code);
  });

  test.each([
    ['submitted', '1'],
    ['received', '2'],
    ['not_accepted', '3'],
    ['processing', '4'],
    ['awaiting_supplement', '5'],
    ['awaiting_payment', '6'],
    ['withdrawn', '7'],
    ['stopped', '8'],
    ['processed', '9'],
    ['returned', '10'],
  ] as const)('status %s is TrangThaiHoSo %s', (status, code) => {
    expect(toPortalRecord(change(state({ status })), { owner, agencyName }).TrangThaiHoSo).toBe(code);
  });

  test('identity, dates and owner of a dossier received at the counter', () => {
    const record = toPortalRecord(change(state()), { owner, agencyName });
    expect(record).toMatchObject({
      MaHoSo: '000.00.01.H56-261123-0001',
      MaTTHC: '1.001193',
      TenTTHC: birth.name,
      TenLinhVuc: 'Hộ tịch',
      SoBienNhan: '000.00.01.H56-261123-0001',
      ChuHoSo: 'Nguyễn Văn An',
      LoaiDoiTuong: '1',
      SoGiayToChuHoSo: '079123456789',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '079123456789' }],
      Email: 'an@example.com',
      SoDienThoai: '',
      NgayNopHoSo: '20261123090000',
      NgayTiepNhan: '20261123090000',
      NgayHenTra: '20261124170000',
      NgayKetThucXuLy: '',
      NgayTra: '',
      NgayTuChoi: '',
      HinhThuc: '0',
      DuocThanhToanTrucTuyen: '0',
      TaiLieuNop: [expect.objectContaining({ TenTepDinhKem: 'Tờ khai' })],
    });
  });

  test('an owner without a 12-digit citizen number is "other" with no identity entry', () => {
    const record = toPortalRecord(change(state()), { owner: { ...owner, idNumber: 'B1234567' }, agencyName });
    expect(record.LoaiDoiTuong).toBe('4');
    expect(record.DinhDanhCHS).toEqual([]);
  });

  test("a component's file goes in as the link given for its position; one without a file, empty", () => {
    const fileUrl = (position: number) => (position === 0 ? 'https://motcua.test/f0' : undefined);
    const record = toPortalRecord(change(state()), { owner, agencyName, fileUrl });
    expect(record.TaiLieuNop.map((d) => d.DuongDanTaiTepTin)).toEqual([
      'https://motcua.test/f0',
      ...record.TaiLieuNop.slice(1).map(() => ''),
    ]);
  });

  test('a demo procedure has no national code', () => {
    const demo = getProcedure('0.000001')!;
    expect(toPortalRecord({ ...change(state()), procedure: demo }, { owner, agencyName }).MaTTHC).toBe('');
  });

  test('the summary stays under the portal limit', () => {
    const record = toPortalRecord(change(state()), {
      owner: { ...owner, fullName: 'A'.repeat(2000) },
      agencyName,
    });
    expect(record.TrichYeuHoSo).toHaveLength(SUMMARY_MAX_LENGTH);
  });

  test('fees of the procedure and a financial obligation, amounts as strings; a paid one is flagged', () => {
    const permit = getProcedure('1.013225')!;
    const paid = state({
      payment: {
        requestedAt: '2026-11-23T04:00:00.000Z',
        requestedBy: 'x',
        amountVnd: 120000,
        reason: 'Thuế',
        paidAt: '2026-11-23T05:00:00.000Z',
      },
    });
    const record = toPortalRecord({ ...change(paid), procedure: permit }, { owner, agencyName });
    expect(record.DanhSachLePhi).toEqual([
      ...permit.fees.map((f, i) => ({
        TenPhiLePhi: f.name,
        MaPhiLePhi: String(i + 1),
        Gia: String(f.amountVnd),
      })),
      { TenPhiLePhi: 'Thuế', MaPhiLePhi: '', Gia: '120000' },
    ]);
    expect(record.DuocThanhToanTrucTuyen).toBe('2');
    const online = { ...paid, payment: { ...paid.payment!, online: true } };
    const viaPlatform = toPortalRecord({ ...change(online), procedure: permit }, { owner, agencyName });
    expect(viaPlatform.DuocThanhToanTrucTuyen).toBe('1');
  });

  test('a returned result sent by post, and a refusal date', () => {
    const returned = state({
      status: 'returned',
      returnMethod: 'post',
      finishedAt: '2026-11-24T01:00:00.000Z',
      returnedAt: '2026-11-24T03:00:00.000Z',
    });
    expect(toPortalRecord(change(returned), { owner, agencyName })).toMatchObject({
      HinhThuc: '1',
      NgayKetThucXuLy: '20261124080000',
      NgayTra: '20261124100000',
    });
    const refused = state({
      status: 'not_accepted',
      refusal: { at: '2026-11-23T03:00:00.000Z', by: 'x', reason: 'r', stage: 'reception' },
    });
    expect(toPortalRecord(change(refused), { owner, agencyName }).NgayTuChoi).toBe('20261123100000');
  });

  test('supplement rounds: the completion request, then a supplement with the new due date once received', () => {
    const s = state({
      dueAt: '2026-12-01T10:00:00.000Z',
      completion: {
        requestedAt: '2026-11-23T02:30:00.000Z',
        requestedBy: 'x',
        reason: 'Thiếu tờ khai',
        missingDocuments: [],
        closeBy: '',
      },
      supplement: {
        requestedAt: '2026-11-24T02:00:00.000Z',
        requestedBy: 'x',
        agency: 'land',
        reason: 'Thiếu bản vẽ',
        documents: [],
        closeBy: '',
        receivedAt: '2026-11-25T02:00:00.000Z',
      },
    });
    expect(toPortalRecord(change(s), { owner, agencyName }).DanhSachHoSoBoSung).toEqual([
      {
        NgayYeuCauBoSung: '20261123093000',
        NoiDungBoSung: 'Thiếu tờ khai',
        NgayNhanBoSung: '',
        NgayHenTraMoi: '',
      },
      {
        NgayYeuCauBoSung: '20261124090000',
        NoiDungBoSung: 'Thiếu bản vẽ',
        NgayNhanBoSung: '20261125090000',
        NgayHenTraMoi: '20261201170000',
      },
    ]);
  });
});

describe('progress entries', () => {
  test('one entry per event the change adds, none for those already reported', () => {
    const s = state({
      status: 'processing',
      events: [
        event(1, 'receive', 'received'),
        event(2, 'completeStep', 'processing', {
          actor: 'land.specialist',
          actorRole: 'specialist',
          agencyCode: 'land',
          detail: { stepId: 'verify' },
          at: '2026-11-23T04:00:00.000Z',
        }),
        event(3, 'timer:reminder', 'processing', {
          actor: 'system',
          actorRole: 'system',
          agencyCode: undefined,
        }),
      ],
    });
    expect(toProgressEntries(change(s, 1), { agencyName })).toEqual([
      {
        MaHoSo: s.code,
        NguoiXuLy: 'land.specialist',
        ChucDanh: 'Chuyên viên',
        ThoiDiemXuLy: '20261123110000',
        PhongBanXuLy: 'Sở Nông nghiệp',
        NoiDungXuLy: 'Hoàn thành bước xử lý: Kiểm tra hồ sơ',
        TrangThai: '4',
        NgayBatDau: '20261123100000',
        NgayKetThucTheoQuyDinh: '20261123160000',
      },
      expect.objectContaining({
        NguoiXuLy: 'system',
        ChucDanh: 'Hệ thống',
        PhongBanXuLy: '',
        NoiDungXuLy: 'Hệ thống cập nhật',
      }),
    ]);
    expect(toProgressEntries(change(s, 3), { agencyName })).toEqual([]);
  });
});
