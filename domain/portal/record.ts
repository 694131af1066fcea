/**
 * The national public service portal's view of a dossier: the `DongBoHoSoMC` record and the
 * `CapNhatTienDoHoSoMC` progress entries, built from MotCua's state. Field names are the portal's.
 * Pure: the sync workflow and its activity share it.
 */
import { VN_OFFSET_MS } from '../calendar/time';
import type { DossierEvent, DossierState } from '../dossier/types';
import type { Procedure } from '../procedure';
import { DOSSIER_STATUSES } from '../status';

/** What the portal is told about the procedure, snapshotted with each change. */
export type PortalProcedure = Pick<
  Procedure,
  'nationalCode' | 'name' | 'sector' | 'fees' | 'competentAgency'
>;

export function portalProcedureOf(procedure: Procedure): PortalProcedure {
  const { nationalCode, name, sector, fees, competentAgency } = procedure;
  return { nationalCode, name, sector, fees, competentAgency };
}

/**
 * One change of a dossier as the dossier workflow hands it to the sync workflow: `seq` counts changes
 * from 1 without gaps, `fromEvent` is the last event already reported, `final` ends the sync.
 */
export interface PortalChange {
  seq: number;
  state: DossierState;
  procedure: PortalProcedure;
  fromEvent: number;
  final: boolean;
  /** A resync's restatement of the record, not a change of its own (see `resendAfter`). */
  resend?: true;
}

/** The dossier's state as it is now, sent again as a whole record when ops ask for a resync. */
export type PortalResend = Pick<PortalChange, 'state' | 'procedure' | 'final'>;

/**
 * A resend travels as a change outside the numbered sequence: it restates the record after change `seq`,
 * adds no progress entries, and `resend` marks it so that no one counts it as change `seq` twice.
 */
export function resendAfter(seq: number, resend: PortalResend): PortalChange {
  return { ...resend, seq, fromEvent: resend.state.events.at(-1)?.seq ?? 0, resend: true };
}

/** The dossier's owner, read from the read model at send time: personal data never rides in workflows. */
export interface PortalOwner {
  fullName: string;
  idNumber: string;
  phone?: string;
  email?: string;
}

export interface PortalFee {
  TenPhiLePhi: string;
  MaPhiLePhi: string;
  Gia: string;
}

export interface PortalDocument {
  TenTepDinhKem: string;
  MaThanhPhanHoSo: string;
  DuongDanTaiTepTin: string;
  DuocSoHoa: '0' | '1';
  DuocTaiSuDung: '0' | '1';
  DuocLayTuKhoDMQG: '0' | '1';
}

/** A supplement round (field names inferred: the reference gives only what a round carries). */
export interface PortalSupplementRound {
  NgayYeuCauBoSung: string;
  NoiDungBoSung: string;
  NgayNhanBoSung: string;
  NgayHenTraMoi: string;
}

export interface PortalDossierRecord {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  SoBienNhan: string;
  KenhThucHien: '1' | '2' | '3';
  ChuHoSo: string;
  LoaiDoiTuong: '1' | '2' | '3' | '4';
  SoGiayToChuHoSo: string;
  DinhDanhCHS: { LoaiDinhDanh: '1'; SoDinhDanh: string }[];
  MaDoiTuong: string;
  Email: string;
  SoDienThoai: string;
  TrichYeuHoSo: string;
  NgayNopHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  NgayKetThucXuLy: string;
  NgayTra: string;
  NgayTuChoi: string;
  TrangThaiHoSo: string;
  HinhThuc: '0' | '1';
  DonViXuLy: string;
  TaiLieuNop: PortalDocument[];
  DanhSachGiayToKetQua: { TenGiayTo: string; DuongDanTepTin: string }[];
  DanhSachLePhi: PortalFee[];
  DanhSachHoSoBoSung: PortalSupplementRound[];
  HoSoCoThanhPhanSoHoa: '0' | '1';
  TaiKhoanDuocXacThucVoiVNeID: '0' | '1';
  DuocThanhToanTrucTuyen: '0' | '1' | '2';
}

export interface PortalProgressEntry {
  MaHoSo: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  TrangThai: string;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string;
}

const CHANNEL_CODES = { counter: '1', online: '2', postal: '3' } as const;

/** The portal caps the summary; it reads it in lists. */
export const SUMMARY_MAX_LENGTH = 1000;

const CITIZEN_ID = /^\d{12}$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyyMMddHHmmss` in Vietnam time (UTC+7 all year), "" when there is no date. */
export function portalDate(instant: string | undefined): string {
  if (!instant) return '';
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${instant}`);
  const d = new Date(ms + VN_OFFSET_MS);
  return (
    pad(d.getUTCFullYear(), 4) +
    pad(d.getUTCMonth() + 1) +
    pad(d.getUTCDate()) +
    pad(d.getUTCHours()) +
    pad(d.getUTCMinutes()) +
    pad(d.getUTCSeconds())
  );
}

/** What the portal needs besides the change: who the owner is and what the agencies are called. */
export interface RecordContext {
  owner: PortalOwner;
  agencyName: (code: string) => string;
  /** The link the portal fetches a component's current file through, by its position; none: "". */
  fileUrl?: (position: number) => string | undefined;
}

/** The full record the portal expects with every `DongBoHoSoMC`, create or update alike. */
export function toPortalRecord(change: PortalChange, ctx: RecordContext): PortalDossierRecord {
  const { state, procedure } = change;
  const { owner } = ctx;
  const citizen = CITIZEN_ID.test(owner.idNumber);
  const paid = state.payment?.paidAt !== undefined;
  return {
    MaHoSo: state.code,
    MaTTHC: procedure.nationalCode ?? '',
    TenTTHC: procedure.name,
    MaLinhVuc: '',
    TenLinhVuc: procedure.sector,
    SoBienNhan: state.code,
    KenhThucHien: CHANNEL_CODES[state.channel],
    ChuHoSo: owner.fullName,
    // Only a 12-digit citizen identity number says who the owner is; anything else stays "other".
    LoaiDoiTuong: citizen ? '1' : '4',
    SoGiayToChuHoSo: owner.idNumber,
    DinhDanhCHS: citizen ? [{ LoaiDinhDanh: '1', SoDinhDanh: owner.idNumber }] : [],
    MaDoiTuong: '',
    Email: owner.email ?? '',
    SoDienThoai: owner.phone ?? '',
    TrichYeuHoSo: `${procedure.name} - ${owner.fullName}`.slice(0, SUMMARY_MAX_LENGTH),
    NgayNopHoSo: portalDate(state.submittedAt),
    NgayTiepNhan: portalDate(state.receivedAt),
    NgayHenTra: portalDate(state.dueAt),
    NgayKetThucXuLy: portalDate(state.finishedAt),
    NgayTra: portalDate(state.returnedAt),
    NgayTuChoi: portalDate(state.refusal?.at),
    TrangThaiHoSo: String(DOSSIER_STATUSES[state.status].code),
    HinhThuc: state.returnMethod === 'post' ? '1' : '0',
    DonViXuLy: ctx.agencyName(procedure.competentAgency),
    TaiLieuNop: state.documents.map((d, position) => ({
      TenTepDinhKem: d.name,
      MaThanhPhanHoSo: '',
      DuongDanTaiTepTin: ctx.fileUrl?.(position) ?? '',
      DuocSoHoa: '0',
      DuocTaiSuDung: '0',
      DuocLayTuKhoDMQG: '0',
    })),
    DanhSachGiayToKetQua: [],
    DanhSachLePhi: [
      ...procedure.fees.map((f, i) => ({
        TenPhiLePhi: f.name,
        MaPhiLePhi: String(i + 1),
        Gia: String(f.amountVnd),
      })),
      ...(state.payment
        ? [{ TenPhiLePhi: state.payment.reason, MaPhiLePhi: '', Gia: String(state.payment.amountVnd) }]
        : []),
    ],
    DanhSachHoSoBoSung: supplementRounds(state),
    HoSoCoThanhPhanSoHoa: '0',
    TaiKhoanDuocXacThucVoiVNeID: '0',
    // "1": paid through the national payment platform (its callback or a query confirmed it, rule I1);
    // "2": any other payment recorded, at the desk or by transfer.
    DuocThanhToanTrucTuyen: !paid ? '0' : state.payment?.online ? '1' : '2',
  };
}

/** The law allows one completion request at reception and one supplement request later (118 Art. 19(5)). */
function supplementRounds(state: DossierState): PortalSupplementRound[] {
  const rounds: PortalSupplementRound[] = [];
  if (state.completion) {
    rounds.push({
      NgayYeuCauBoSung: portalDate(state.completion.requestedAt),
      NoiDungBoSung: state.completion.reason,
      NgayNhanBoSung: '',
      NgayHenTraMoi: '',
    });
  }
  if (state.supplement) {
    const received = state.supplement.receivedAt;
    rounds.push({
      NgayYeuCauBoSung: portalDate(state.supplement.requestedAt),
      NoiDungBoSung: state.supplement.reason,
      NgayNhanBoSung: portalDate(received),
      // The clock restarts when the supplement is complete, so the due date in force then is the new one.
      NgayHenTraMoi: received ? portalDate(state.dueAt) : '',
    });
  }
  return rounds;
}

/** What was done, in the words the portal shows the citizen. */
const ACTION_WORDING: Record<string, string> = {
  submit: 'Nộp hồ sơ trực tuyến',
  receive: 'Tiếp nhận hồ sơ',
  accept: 'Tiếp nhận hồ sơ trực tuyến',
  requestCompletion: 'Yêu cầu hoàn thiện hồ sơ',
  refuse: 'Từ chối hồ sơ',
  completeStep: 'Hoàn thành bước xử lý',
  requestSupplement: 'Yêu cầu bổ sung hồ sơ',
  supplement: 'Nhận hồ sơ bổ sung',
  requireVerification: 'Xác minh thông tin, áp dụng thời hạn giải quyết dài hơn theo quy định',
  requestPayment: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  confirmPayment: 'Xác nhận thanh toán',
  extend: 'Gia hạn thời gian giải quyết',
  approve: 'Phê duyệt kết quả',
  returnResult: 'Trả kết quả',
  withdraw: 'Rút hồ sơ theo yêu cầu của công dân',
  requestCorrection: 'Yêu cầu đính chính kết quả',
  adoptCalendar: 'Cập nhật lịch nghỉ lễ, Tết theo thông báo mới',
};

const ROLE_TITLES: Record<string, string> = {
  receiver: 'Công chức tiếp nhận',
  specialist: 'Chuyên viên',
  leader: 'Lãnh đạo',
  admin: 'Quản trị',
  system: 'Hệ thống',
};

/** The progress entries of the events this change adds, in the order they happened. */
export function toProgressEntries(
  change: PortalChange,
  ctx: Pick<RecordContext, 'agencyName'>,
): PortalProgressEntry[] {
  const { state } = change;
  return state.events.filter((e) => e.seq > change.fromEvent).map((e) => progressEntry(state, e, ctx));
}

function progressEntry(
  state: DossierState,
  event: DossierEvent,
  ctx: Pick<RecordContext, 'agencyName'>,
): PortalProgressEntry {
  const stepId = typeof event.detail?.stepId === 'string' ? event.detail.stepId : undefined;
  const step = stepId ? state.steps.find((s) => s.id === stepId) : undefined;
  const wording =
    ACTION_WORDING[event.action] ?? (event.action.startsWith('timer:') ? 'Hệ thống cập nhật' : event.action);
  return {
    MaHoSo: state.code,
    NguoiXuLy: event.actor,
    ChucDanh: ROLE_TITLES[event.actorRole ?? 'system'] ?? '',
    ThoiDiemXuLy: portalDate(event.at),
    PhongBanXuLy: event.agencyCode ? ctx.agencyName(event.agencyCode) : '',
    NoiDungXuLy: step ? `${wording}: ${step.name}` : wording,
    TrangThai: String(DOSSIER_STATUSES[event.to].code),
    NgayBatDau: portalDate(step?.startedAt ?? state.clockStartedAt ?? state.submittedAt),
    NgayKetThucTheoQuyDinh: portalDate(step?.dueAt ?? state.dueAt),
  };
}
