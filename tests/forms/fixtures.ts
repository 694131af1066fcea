import type { FormInput, FormKind } from '../../activities/forms';

export const CODE = '000.00.12.H56-261120-0001';
export const TRACKING_URL = `http://localhost:3000/tra-cuu/${CODE}`;

const issuer = {
  governingBody: 'UBND tỉnh Bình Phước',
  agencyName: 'Trung tâm Phục vụ hành chính công tỉnh',
  place: 'Đồng Xoài',
};

const dossier = {
  code: CODE,
  trackingUrl: TRACKING_URL,
  receivedAt: '2026-11-20T08:30:00+07:00',
  procedureName: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
  applicantName: 'Nguyễn Thị Ánh',
  applicantAddress: 'Số 12 đường Hùng Vương, phường Tân Phú',
  applicantPhone: '0912345678',
  applicantEmail: 'anh.nguyen@example.vn',
};

/** A filled example of every form, each field carrying a distinct value to look for in the PDF. */
export const SAMPLES: { [K in FormKind]: FormInput<K> } = {
  receipt: {
    ...issuer,
    ...dossier,
    documentNumber: '125/TTPVHCC',
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép', form: 'original' },
      { name: 'Giấy chứng nhận quyền sử dụng đất', form: 'certified_copy', quantity: 1 },
      { name: 'Bản vẽ thiết kế', form: 'copy', quantity: 2, note: 'Có chữ ký' },
    ],
    dossierCount: 1,
    processingTime: '15 ngày làm việc',
    // The legal end of the day, when the desk is closed: the receipt gives its last session instead.
    dueAt: '2026-12-11T23:59:59.999+07:00',
    appointmentFrom: '2026-12-11T13:30:00+07:00',
    appointmentTo: '2026-12-11T17:00:00+07:00',
    returnPlace: 'Quầy số 5, Trung tâm Phục vụ hành chính công tỉnh',
    receiverName: 'Lê Văn Cường',
    bookNumber: '03',
    sequenceNumber: '1254',
    fees: '75.000 đồng',
    hotline: '0271 3888 999',
  },
  'supplement-request': {
    ...issuer,
    ...dossier,
    documentNumber: `${CODE}/HDHS`,
    issuedAt: '2026-11-24T09:15:00+07:00',
    stage: 'appraisal',
    documents: [
      { name: 'Bản vẽ mặt bằng có chữ ký', form: 'original', quantity: 1 },
      { name: 'Văn bản thỏa thuận ranh giới', quantity: 2 },
    ],
    reason: 'Bản vẽ chưa thể hiện khoảng lùi công trình',
    closeBy: '2026-12-09T09:15:00+07:00',
    guideName: 'Phạm Thị Dung',
    contactPhone: '0271 3888 123',
  },
  refusal: {
    ...issuer,
    ...dossier,
    issuedAt: '2026-11-20T09:00:00+07:00',
    stage: 'reception',
    reason: 'Thửa đất nằm trong quy hoạch hành lang an toàn giao thông',
    receiverName: 'Lê Văn Cường',
  },
  apology: {
    ...issuer,
    ...dossier,
    agencyName: 'Sở Xây dựng',
    documentNumber: '18/PXL',
    issuedAt: '2026-12-09T10:00:00+07:00',
    dueAt: '2026-12-11T17:00:00+07:00',
    newDueAt: '2026-12-18T17:00:00+07:00',
    reason: 'Cần lấy ý kiến cơ quan quản lý đê điều',
    oneStopName: 'Trung tâm Phục vụ hành chính công tỉnh',
    signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
    signerName: 'Hoàng Văn Em',
  },
  'stop-notice': {
    ...issuer,
    ...dossier,
    issuedAt: '2026-11-26T14:00:00+07:00',
    requestedAt: '2026-11-26T10:20:00+07:00',
    stageLabel: 'Đang xử lý',
    originalsHandling: 'hoàn trả bản chính Giấy chứng nhận tại quầy số 5',
    feesHandling: 'không hoàn lại lệ phí đã nộp',
    signerTitle: 'GIÁM ĐỐC',
    signerName: 'Đỗ Thị Giang',
  },
  'process-control': {
    ...issuer,
    code: CODE,
    trackingUrl: TRACKING_URL,
    receivedAt: '2026-11-20T08:30:00+07:00',
    procedureName: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    applicantName: 'Nguyễn Thị Ánh',
    applicantAddress: 'Số 12 đường Hùng Vương, phường Tân Phú',
    dueAt: '2026-12-11T17:00:00+07:00',
    handlingAgencyName: 'Sở Xây dựng',
    coordinatingAgencyNames: ['Sở Nông nghiệp và Môi trường'],
    handoffs: [
      {
        agencyName: 'Bộ phận Một cửa',
        givenAt: '2026-11-20T10:00:00+07:00',
        giverName: 'Lê Văn Cường',
        receivedAt: '2026-11-20T10:30:00+07:00',
        receiverName: 'Trần Văn Bình',
        result: 'early',
      },
      {
        agencyName: 'Sở Xây dựng',
        givenAt: '2026-12-01T16:00:00+07:00',
        giverName: 'Trần Văn Bình',
        receivedAt: '2026-12-02T08:00:00+07:00',
        receiverName: 'Hoàng Văn Em',
        result: 'on_time',
        note: 'Chuyển lãnh đạo ký',
      },
      {
        agencyName: 'Sở Nông nghiệp và Môi trường',
        givenAt: '2026-12-12T08:00:00+07:00',
        result: 'late',
      },
    ],
  },
  'tracking-book': {
    ...issuer,
    from: '2026-11-01T00:00:00+07:00',
    to: '2026-11-30T23:59:59+07:00',
    bookNumber: '03',
    rows: Array.from({ length: 30 }, (_, i) => ({
      code: `000.00.12.H56-2611${String(i + 1).padStart(2, '0')}-000${(i % 9) + 1}`,
      procedureName: i % 2 ? 'Cấp giấy phép xây dựng' : 'Chứng thực bản sao từ bản chính',
      dossierCount: 1,
      applicantName: `Người nộp số ${i + 1}`,
      applicantContact: `Phường Tân Phú, 09123456${String(i).padStart(2, '0')}`,
      leadAgencyName: i % 2 ? 'Sở Xây dựng' : 'Sở Tư pháp',
      receivedAt: `2026-11-${String((i % 28) + 1).padStart(2, '0')}T08:30:00+07:00`,
      dueAt: `2026-12-${String((i % 28) + 1).padStart(2, '0')}T17:00:00+07:00`,
      transferredAt: `2026-11-${String((i % 28) + 1).padStart(2, '0')}T10:00:00+07:00`,
      ...(i % 3 === 0
        ? {
            resultReceivedAt: `2026-11-${String((i % 28) + 1).padStart(2, '0')}T15:00:00+07:00`,
            returnedAt: `2026-11-${String((i % 28) + 1).padStart(2, '0')}T16:00:00+07:00`,
          }
        : {}),
      note: i === 0 ? 'Trả qua bưu chính' : undefined,
    })),
  },
};
