import {
  FORM_KINDS,
  FormDataError,
  renderForm,
  ruleSetFor,
  type FormInput,
  type FormKind,
} from '../../activities/forms';
import { CODE, SAMPLES, TRACKING_URL } from './fixtures';
import { readPdf, readQrCode, type PdfContent } from './support';

const A5 = { width: 419.53, height: 595.28 };
const A4_LANDSCAPE = { width: 841.89, height: 595.28 };

const render = <K extends FormKind>(kind: K, overrides: Partial<FormInput<K>> = {}) =>
  renderForm(kind, { ...SAMPLES[kind], ...overrides });

/** Whitespace-blind containment: a value wrapped over two lines or table rows still counts. */
function missingFrom(content: PdfContent, expected: readonly string[]): string[] {
  const compact = (s: string) => s.replace(/\s+/g, '');
  const haystack = compact(content.text);
  return expected.filter((s) => !haystack.includes(compact(s)));
}

const HEADER = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'UBND TỈNH BÌNH PHƯỚC'];
const APPLICANT = [
  'Nguyễn Thị Ánh',
  'Số 12 đường Hùng Vương, phường Tân Phú',
  '0912345678',
  'anh.nguyen@example.vn',
];
const DOSSIER = [`Mã hồ sơ: ${CODE}`, TRACKING_URL, 'Cấp giấy phép xây dựng nhà ở riêng lẻ'];

/** Every field of each sample, as the form prints it. */
const EXPECTED: Record<FormKind, string[]> = {
  receipt: [
    'Mẫu số 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Thông tư số 03/2025/TT-VPCP)',
    'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    ...HEADER,
    'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH',
    'Số: 125/TTPVHCC',
    'Đồng Xoài, ngày 20 tháng 11 năm 2026',
    ...DOSSIER,
    'Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hồ sơ của: Nguyễn Thị Ánh',
    ...APPLICANT,
    'Đơn đề nghị cấp giấy phép',
    'Giấy chứng nhận quyền sử dụng đất',
    'Bản vẽ thiết kế',
    'Bản chính',
    'Bản sao có chứng thực',
    'Bản sao, bản chụp',
    'Có chữ ký',
    '2. Số lượng hồ sơ: 01 (bộ)',
    '3. Thời gian giải quyết hồ sơ theo quy định là: 15 ngày làm việc',
    '4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 20/11/2026',
    '5. Thời gian trả kết quả giải quyết hồ sơ: 13h30 - 17h00 11/12/2026',
    '6. Đăng ký nhận kết quả tại: Quầy số 5, Trung tâm Phục vụ hành chính công tỉnh',
    '7. Phí, lệ phí: 75.000 đồng',
    'Quyển số: 03, Số thứ tự: 1254',
    'NGƯỜI NỘP HỒ SƠ',
    'NGƯỜI TIẾP NHẬN HỒ SƠ',
    'Lê Văn Cường',
    '0271 3888 999',
  ],
  'supplement-request': [
    'Mẫu số 02 - Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
    ...HEADER,
    `Số: ${CODE}/HDHS`,
    'Đồng Xoài, ngày 24 tháng 11 năm 2026',
    ...DOSSIER,
    ...APPLICANT,
    'Trong quá trình thẩm định',
    'Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:',
    'Bản vẽ mặt bằng có chữ ký',
    'Văn bản thỏa thuận ranh giới',
    'Lý do: Bản vẽ chưa thể hiện khoảng lùi công trình',
    'Thời hạn bổ sung: trước 09 giờ 15 phút, ngày 09/12/2026',
    'liên hệ với Phạm Thị Dung, số điện thoại 0271 3888 123 để được hướng dẫn./.',
    'NGƯỜI HƯỚNG DẪN',
  ],
  refusal: [
    'Mẫu số 03 - Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
    ...HEADER,
    'Đồng Xoài, ngày 20 tháng 11 năm 2026',
    ...DOSSIER,
    ...APPLICANT,
    'Qua xem xét, Trung tâm Phục vụ hành chính công tỉnh thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
    'Thửa đất nằm trong quy hoạch hành lang an toàn giao thông',
    'Xin thông báo cho Ông/Bà được biết và thực hiện./.',
    'NGƯỜI TIẾP NHẬN HỒ SƠ',
    'Lê Văn Cường',
  ],
  apology: [
    'Mẫu số 04 - Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (Thông tư số 03/2025/TT-VPCP)',
    'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
    ...HEADER,
    'SỞ XÂY DỰNG',
    'Số: 18/PXL',
    'Đồng Xoài, ngày 09 tháng 12 năm 2026',
    ...DOSSIER,
    ...APPLICANT,
    'Kính gửi: Ông/Bà Nguyễn Thị Ánh; Trung tâm Phục vụ hành chính công tỉnh',
    'Ngày 20/11/2026',
    'hẹn trả kết quả lúc 17 giờ 00 phút, ngày 11/12/2026',
    'Sở Xây dựng dự kiến không trả được kết quả',
    'Lý do: Cần lấy ý kiến cơ quan quản lý đê điều',
    'Sở Xây dựng thành thật xin lỗi Ông/Bà',
    'gia hạn thời gian giải quyết hồ sơ đến: 17 giờ 00 phút, ngày 18/12/2026',
    'KT. GIÁM ĐỐC',
    'PHÓ GIÁM ĐỐC',
    'Hoàng Văn Em',
    'Nơi nhận:',
  ],
  'stop-notice': [
    'Mẫu số 05 - Thông báo dừng giải quyết hồ sơ (Thông tư số 03/2025/TT-VPCP)',
    'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
    ...HEADER,
    'Đồng Xoài, ngày 26 tháng 11 năm 2026',
    ...DOSSIER,
    ...APPLICANT,
    'Ngày 20/11/2026',
    'Theo đề nghị của Ông/Bà lúc 10 giờ 20 phút, ngày 26/11/2026',
    'Tình trạng hồ sơ khi dừng: Đang xử lý',
    'Giấy tờ bản chính: hoàn trả bản chính Giấy chứng nhận tại quầy số 5',
    'Phí, lệ phí: không hoàn lại lệ phí đã nộp',
    'GIÁM ĐỐC',
    'Đỗ Thị Giang',
  ],
  'process-control': [
    'Mẫu số 06 - Phiếu kiểm soát quá trình giải quyết hồ sơ (Thông tư số 03/2025/TT-VPCP)',
    'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
    '(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)',
    ...HEADER,
    ...DOSSIER,
    'Chủ hồ sơ: Nguyễn Thị Ánh',
    'Địa chỉ: Số 12 đường Hùng Vương, phường Tân Phú',
    'Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 20/11/2026',
    'Thời gian trả kết quả: 17 giờ 00 phút, ngày 11/12/2026',
    'Cơ quan (bộ phận) giải quyết hồ sơ: Sở Xây dựng',
    'Cơ quan phối hợp giải quyết: Sở Nông nghiệp và Môi trường',
    'TÊN CƠ QUAN',
    'THỜI GIAN GIAO, NHẬN HỒ SƠ',
    'Bộ phận Một cửa',
    '1. Giao: 10 giờ 00 phút, ngày 20/11/2026',
    'Người giao: Lê Văn Cường',
    '2. Nhận: 10 giờ 30 phút, ngày 20/11/2026',
    'Người nhận: Trần Văn Bình',
    '1. Giao: 16 giờ 00 phút, ngày 01/12/2026',
    'Người nhận: Hoàng Văn Em',
    '1. Giao: 08 giờ 00 phút, ngày 12/12/2026',
    'Trước hạn',
    'Đúng hạn',
    'Quá hạn',
    'Chuyển lãnh đạo ký',
  ],
  'tracking-book': [
    'Mẫu số 07 - Sổ theo dõi hồ sơ (Thông tư số 03/2025/TT-VPCP)',
    'SỔ THEO DÕI HỒ SƠ',
    ...HEADER,
    'Từ ngày 01/11/2026 đến ngày 30/11/2026 - Quyển số: 03',
    'Tên thủ tục hành chính',
    'Cơ quan chủ trì giải quyết',
    'Trả kết quả cho cá nhân, tổ chức',
    'Ký nhận',
    ...SAMPLES['tracking-book'].rows.flatMap((r) => [r.code, r.applicantName, r.applicantContact ?? '']),
    'Chứng thực bản sao từ bản chính',
    'Sở Tư pháp',
    '08h30 01/11/2026',
    '17h00 01/12/2026',
    '16h00 01/11/2026',
    'Trả qua bưu chính',
  ],
};

describe('renderForm', () => {
  const rendered = new Map<FormKind, PdfContent & { pdf: Buffer }>();
  beforeAll(async () => {
    await Promise.all(
      FORM_KINDS.map(async (kind) => {
        const pdf = await render(kind);
        rendered.set(kind, { pdf, ...(await readPdf(pdf)) });
      }),
    );
  });

  it.each(FORM_KINDS)('%s prints every field with its Vietnamese diacritics', (kind) => {
    const content = rendered.get(kind)!;
    expect(content.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(missingFrom(content, EXPECTED[kind])).toEqual([]);
  });

  it.each(FORM_KINDS.filter((k) => k !== 'tracking-book'))('%s is one A5 page', (kind) => {
    const { pages } = rendered.get(kind)!;
    expect(pages).toHaveLength(1);
    expect(pages[0].width).toBeCloseTo(A5.width, 0);
    expect(pages[0].height).toBeCloseTo(A5.height, 0);
  });

  it('gives the citizen the desk session of the due day, not its legal end when the desk is closed', () => {
    expect(rendered.get('receipt')!.text).not.toContain('23h59');
  });

  it('lays the tracking book on A4 landscape and repeats the column headers on each page', () => {
    const { pages, text } = rendered.get('tracking-book')!;
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(A4_LANDSCAPE.width, 0);
      expect(page.height).toBeCloseTo(A4_LANDSCAPE.height, 0);
    }
    expect(text.split('Cơ quan chủ trì giải quyết').length - 1).toBe(pages.length);
  });

  it('embeds the DejaVu Unicode fonts rather than a base-14 font without Vietnamese glyphs', () => {
    const raw = rendered.get('receipt')!.pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif-Bold/);
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it('prints a QR code that reads as the tracking URL, and links that area to it', async () => {
    const { images, pages } = rendered.get('receipt')!;
    expect(images).toHaveLength(1);
    expect(readQrCode(images[0].png)).toBe('http://localhost:3000/tra-cuu/000.00.12.H56-261120-0001');
    expect(pages[0].links.map((l) => l.url)).toContain(TRACKING_URL);
  });

  it.each([
    ['2025-06-30T23:59:00+07:00', '2018'],
    // Decree 118 was in force, its circular not yet: the desks kept the TT 01/2018 forms.
    ['2025-07-01T00:00:00+07:00', '2018'],
    ['2025-09-14T23:59:00+07:00', '2018'],
    ['2025-09-14T17:00:00Z', '2025'],
    ['2025-09-15T00:00:00+07:00', '2025'],
  ])('files a dossier received at %s under the %s rule set', (receivedAt, ruleSet) => {
    expect(ruleSetFor(receivedAt)).toBe(ruleSet);
  });

  it('uses the 2018 apology, "Phiếu xin lỗi và hẹn lại ngày trả kết quả", for dossiers received before 01/07/2025', async () => {
    const content = await readPdf(await render('apology', { receivedAt: '2025-06-30T16:00:00+07:00' }));
    expect(
      missingFrom(content, [
        'Mẫu số 04 - Phiếu xin lỗi và hẹn lại ngày trả kết quả (Thông tư số 01/2018/TT-VPCP)',
        'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
        'Kính gửi: Ông/Bà Nguyễn Thị Ánh',
        'Ngày 30/06/2025, Sở Xây dựng tiếp nhận giải quyết hồ sơ của Ông/Bà.',
        'Ngày hẹn trả kết quả: 17 giờ 00 phút, ngày 11/12/2026',
        'Lý do: Cần lấy ý kiến cơ quan quản lý đê điều',
        'Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà.',
        'Thời gian hẹn trả kết quả lại: 17 giờ 00 phút, ngày 18/12/2026',
        'Hoàng Văn Em',
      ]),
    ).toEqual([]);
    expect(content.text).not.toContain('Văn bản xin lỗi và đề nghị gia hạn');
  });

  it('says plainly when an apology carries no new date yet', async () => {
    const content = await readPdf(
      await render('apology', { newDueAt: undefined, issuedAt: '2026-12-12T09:00:00+07:00' }),
    );
    expect(
      missingFrom(content, ['Đến nay, Sở Xây dựng chưa trả được kết quả', 'đến: khi có kết quả giải quyết']),
    ).toEqual([]);
  });

  it.each([
    [
      'process-control',
      'Mẫu số 05 - Phiếu kiểm soát quá trình giải quyết hồ sơ (Thông tư số 01/2018/TT-VPCP)',
    ],
    ['stop-notice', 'Thông báo dừng giải quyết hồ sơ (Nghị định 118/2025/NĐ-CP, Điều 21)'],
  ] as const)('numbers %s by the 2018 set for older dossiers', async (kind, reference) => {
    const content = await readPdf(await render(kind, { receivedAt: '2024-05-10T08:00:00+07:00' }));
    expect(missingFrom(content, [reference])).toEqual([]);
  });

  it('numbers the tracking book by the set of its period', async () => {
    const content = await readPdf(
      await render('tracking-book', {
        from: '2025-01-01T00:00:00+07:00',
        to: '2025-01-31T23:59:59+07:00',
        rows: [],
      }),
    );
    expect(
      missingFrom(content, [
        'Mẫu số 06 - Sổ theo dõi hồ sơ (Thông tư số 01/2018/TT-VPCP)',
        'Không có hồ sơ trong kỳ',
      ]),
    ).toEqual([]);
  });

  it('refuses data with a missing field and names it', async () => {
    const withoutReason = { ...SAMPLES.apology, reason: undefined } as unknown as FormInput<'apology'>;
    await expect(renderForm('apology', withoutReason)).rejects.toBeInstanceOf(FormDataError);
    await expect(renderForm('apology', withoutReason)).rejects.toThrow('form apology: field "reason"');
    await expect(render('receipt', { documents: [] })).rejects.toThrow('form receipt: field "documents"');
  });
});
