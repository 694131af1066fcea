/**
 * renderForm: the official forms of the one-stop process as PDF, in the form set of the dossier's
 * receipt date (rules §2.1). Wording follows the TT 01/2018 templates (rules §2.2).
 */
import {
  formatAppointmentShort,
  formatDate,
  formatDateTimeShort,
  formatDateTimeVi,
} from '../../domain/notifications/format';
import { withAccessCode } from '../../domain/notifications/render';
import { FormWriter } from './layout';
import {
  formIdentity,
  parseFormData,
  ruleSetFor,
  type FormData,
  type FormInput,
  type FormKind,
  type RuleSet,
} from './schemas';

export const DOCUMENT_FORM_LABEL = {
  original: 'Bản chính',
  certified_copy: 'Bản sao có chứng thực',
  copy: 'Bản sao, bản chụp',
} as const;

/** Documents asked for or required: the table of the supplement request and of a procedure's wall sheet. */
export function documentTable(
  w: FormWriter,
  documents: readonly { name: string; form?: keyof typeof DOCUMENT_FORM_LABEL; quantity: number }[],
): FormWriter {
  return w.table(
    [
      { header: 'TT', weight: 1, align: 'center' },
      { header: 'Thành phần hồ sơ', weight: 8 },
      { header: 'Hình thức', weight: 4 },
      { header: 'Số lượng', weight: 2, align: 'center' },
    ],
    documents.map((doc, i) => [
      String(i + 1),
      doc.name,
      doc.form ? DOCUMENT_FORM_LABEL[doc.form] : '',
      String(doc.quantity),
    ]),
  );
}

const HANDOFF_RESULT_LABEL = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;

function contactFields(
  w: FormWriter,
  d: { applicantAddress?: string; applicantPhone?: string; applicantEmail?: string },
) {
  w.field('Địa chỉ', d.applicantAddress)
    .field('Số điện thoại', d.applicantPhone)
    .field('Email', d.applicantEmail);
}

type DossierFormKind = Exclude<FormKind, 'tracking-book'>;

/**
 * The head every dossier form opens with, in the form set of the receipt date: the form's reference,
 * the agency's header, place and date (`dated`) or a subtitle under the title, and the code with its QR.
 */
async function dossierFormHead(
  kind: DossierFormKind,
  d: FormData<DossierFormKind>,
  head: { dated: string } | { subtitle: string },
  qr = d.trackingUrl,
): Promise<{ w: FormWriter; ruleSet: RuleSet }> {
  const ruleSet = ruleSetFor(d.receivedAt);
  const id = formIdentity(kind, ruleSet);
  const w = new FormWriter({ size: 'A5', layout: 'portrait', title: id.title });
  w.formReference(id).header(d);
  if ('dated' in head) w.dateline(d.place, head.dated).title(id.title);
  else w.title(id.title, head.subtitle);
  await w.codeWithQr(d.code, d.trackingUrl, { qr });
  return { w, ruleSet };
}

async function receipt(d: FormData<'receipt'>): Promise<Buffer> {
  // The receipt's QR lets its holder act as the applicant (rate, supplement) when the code is known.
  const qr = d.accessCode ? withAccessCode(d.trackingUrl, d.accessCode) : d.trackingUrl;
  const { w } = await dossierFormHead('receipt', d, { dated: d.receivedAt }, qr);
  if (d.accessCode) {
    w.field('Mã truy cập', d.accessCode).note(
      'Mã truy cập dùng để bổ sung hồ sơ, đánh giá, phản ánh về hồ sơ qua mạng; Ông/Bà giữ kín, không cung cấp cho người khác.',
    );
  }
  w.field(`${d.agencyName} tiếp nhận hồ sơ của`, d.applicantName);
  contactFields(w, d);
  w.field('Nội dung yêu cầu giải quyết', d.procedureName);
  w.paragraph('1. Thành phần hồ sơ nộp gồm:', { style: 'bold' });
  w.table(
    [
      { header: 'TT', weight: 1, align: 'center' },
      { header: 'Tên giấy tờ', weight: 7 },
      { header: 'Hình thức (bản chính, bản sao hoặc bản chụp)', weight: 4 },
      { header: 'Số lượng', weight: 2, align: 'center' },
      { header: 'Ghi chú', weight: 3 },
    ],
    d.documents.map((doc, i) => [
      String(i + 1),
      doc.name,
      DOCUMENT_FORM_LABEL[doc.form],
      String(doc.quantity),
      doc.note ?? '',
    ]),
  );
  w.field('2. Số lượng hồ sơ', `${String(d.dossierCount).padStart(2, '0')} (bộ)`)
    .field('3. Thời gian giải quyết hồ sơ theo quy định là', d.processingTime)
    .field('4. Thời gian nhận hồ sơ', formatDateTimeVi(d.receivedAt))
    // The desk session fits the form's one line only in the short wording.
    .field(
      '5. Thời gian trả kết quả giải quyết hồ sơ',
      d.appointmentFrom ? formatAppointmentShort(d) : formatDateTimeVi(d.dueAt),
    )
    .field('6. Đăng ký nhận kết quả tại', d.returnPlace)
    .field('7. Phí, lệ phí', d.fees);
  if (d.bookNumber || d.sequenceNumber) {
    w.paragraph(
      `Vào Sổ theo dõi hồ sơ, Quyển số: ${d.bookNumber ?? '…'}, Số thứ tự: ${d.sequenceNumber ?? '…'}`,
    );
  }
  w.signatures([
    { title: 'NGƯỜI NỘP HỒ SƠ', name: d.applicantName },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: d.receiverName },
  ]);
  w.note(
    'Ghi chú: Kết quả được nhận tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính theo đăng ký. Khi đến nhận kết quả, Ông/Bà mang theo Giấy tiếp nhận này; trường hợp bị mất, xuất trình giấy tờ tùy thân.',
  );
  if (d.hotline) w.note(`Phản ánh, kiến nghị về việc giải quyết hồ sơ: ${d.hotline}`);
  return w.finish();
}

async function supplementRequest(d: FormData<'supplement-request'>): Promise<Buffer> {
  const { w } = await dossierFormHead('supplement-request', d, { dated: d.issuedAt });
  w.field(`${d.agencyName} tiếp nhận hồ sơ của Ông/Bà`, d.applicantName);
  w.field('Nội dung yêu cầu giải quyết', d.procedureName);
  contactFields(w, d);
  if (d.stage === 'appraisal') {
    w.paragraph(
      'Trong quá trình thẩm định, cơ quan giải quyết xác định hồ sơ cần được bổ sung, hoàn thiện. Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ.',
    );
  }
  w.paragraph('Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:', { style: 'bold' });
  documentTable(w, d.documents);
  w.field('Lý do', d.reason);
  if (d.closeBy) {
    w.field('Thời hạn bổ sung', `trước ${formatDateTimeVi(d.closeBy)}`);
    w.paragraph('Quá thời hạn trên mà Ông/Bà chưa bổ sung, hồ sơ sẽ được đóng trên hệ thống.');
  }
  w.paragraph('Đây là yêu cầu bổ sung, hoàn thiện một lần, đầy đủ đối với hồ sơ này.');
  const contact = d.contactPhone ? `${d.guideName}, số điện thoại ${d.contactPhone}` : d.guideName;
  w.paragraph(
    `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với ${contact} để được hướng dẫn./.`,
  );
  w.signatures([null, { title: 'NGƯỜI HƯỚNG DẪN', name: d.guideName }]);
  return w.finish();
}

async function refusal(d: FormData<'refusal'>): Promise<Buffer> {
  const { w } = await dossierFormHead('refusal', d, { dated: d.issuedAt });
  w.field(`${d.agencyName} tiếp nhận hồ sơ của`, d.applicantName);
  contactFields(w, d);
  w.field('Nội dung yêu cầu giải quyết', d.procedureName);
  w.paragraph(
    `${d.stage === 'appraisal' ? 'Qua thẩm định' : 'Qua xem xét'}, ${d.agencyName} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
  );
  w.paragraph(d.reason, { style: 'italic' });
  w.paragraph('Xin thông báo cho Ông/Bà được biết và thực hiện./.');
  w.signatures([null, { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: d.receiverName }]);
  return w.finish();
}

/**
 * 2018 Mẫu 04 apologises and gives the new date; 2025 Mẫu 04 also asks the one-stop to extend the
 * deadline, which it then changes in the system (Decree 118 Art. 19(6)).
 */
async function apology(d: FormData<'apology'>): Promise<Buffer> {
  const { w, ruleSet } = await dossierFormHead('apology', d, { dated: d.issuedAt });
  const beforeDue = new Date(d.issuedAt).getTime() < new Date(d.dueAt).getTime();
  const newDate = d.newDueAt ? formatDateTimeVi(d.newDueAt) : undefined;

  if (ruleSet === '2018') {
    w.field('Kính gửi', `Ông/Bà ${d.applicantName}`);
    contactFields(w, d);
    w.paragraph(`Ngày ${formatDate(d.receivedAt)}, ${d.agencyName} tiếp nhận giải quyết hồ sơ của Ông/Bà.`);
    w.field('Nội dung yêu cầu giải quyết', d.procedureName);
    w.field('Ngày hẹn trả kết quả', formatDateTimeVi(d.dueAt));
    w.paragraph(
      beforeDue
        ? `Tuy nhiên, ${d.agencyName} dự kiến không trả được kết quả giải quyết hồ sơ của Ông/Bà đúng thời hạn quy định ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.`
        : `Tuy nhiên đến nay, ${d.agencyName} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng thời hạn quy định ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.`,
    );
    w.field('Lý do', d.reason);
    w.paragraph(
      `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. ${d.agencyName} xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả.`,
    );
    w.field('Thời gian hẹn trả kết quả lại', newDate ?? 'sẽ được thông báo ngay khi có kết quả');
    w.paragraph('Rất mong nhận được sự thông cảm của Ông/Bà./.');
  } else {
    w.field('Kính gửi', `Ông/Bà ${d.applicantName}; ${d.oneStopName}`);
    contactFields(w, d);
    w.paragraph(
      `Ngày ${formatDate(d.receivedAt)}, ${d.oneStopName} tiếp nhận hồ sơ của Ông/Bà ${d.applicantName} đề nghị giải quyết thủ tục "${d.procedureName}", hẹn trả kết quả lúc ${formatDateTimeVi(d.dueAt)}.`,
    );
    w.paragraph(
      beforeDue
        ? `${d.agencyName} dự kiến không trả được kết quả giải quyết hồ sơ đúng thời hạn đã hẹn.`
        : `Đến nay, ${d.agencyName} chưa trả được kết quả giải quyết hồ sơ đúng thời hạn đã hẹn.`,
    );
    w.field('Lý do', d.reason);
    w.paragraph(
      `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. ${d.agencyName} thành thật xin lỗi Ông/Bà.`,
    );
    w.field(
      `Đề nghị ${d.oneStopName} gia hạn thời gian giải quyết hồ sơ đến`,
      newDate ?? 'khi có kết quả giải quyết',
    );
    w.paragraph(
      'Việc hẹn lại ngày trả kết quả chỉ thực hiện một lần. Rất mong nhận được sự thông cảm của Ông/Bà./.',
    );
  }
  w.signatures([null, { title: d.signerTitle, note: '(Ký, ghi rõ họ tên, đóng dấu)', name: d.signerName }]);
  w.recipients([`Ông/Bà ${d.applicantName}`, d.oneStopName, 'Lưu: VT']);
  return w.finish();
}

/** Decree 118 Art. 21: the citizen may stop the dossier until the decision; all states stay recorded. */
async function stopNotice(d: FormData<'stop-notice'>): Promise<Buffer> {
  const { w } = await dossierFormHead('stop-notice', d, { dated: d.issuedAt });
  w.field('Kính gửi', `Ông/Bà ${d.applicantName}`);
  contactFields(w, d);
  w.paragraph(
    `Ngày ${formatDate(d.receivedAt)}, ${d.agencyName} tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục "${d.procedureName}".`,
  );
  w.paragraph(
    `Theo đề nghị của Ông/Bà lúc ${formatDateTimeVi(d.requestedAt)}, ${d.agencyName} thông báo dừng giải quyết hồ sơ nêu trên.`,
  );
  w.field('Tình trạng hồ sơ khi dừng', d.stageLabel);
  w.field(
    'Giấy tờ bản chính',
    d.originalsHandling ?? 'được hoàn trả cho Ông/Bà theo quy định của pháp luật chuyên ngành',
  );
  w.field('Phí, lệ phí', d.feesHandling ?? 'được xử lý theo quy định của pháp luật chuyên ngành');
  w.paragraph('Xin thông báo cho Ông/Bà được biết./.');
  w.signatures([null, { title: d.signerTitle, note: '(Ký, ghi rõ họ tên, đóng dấu)', name: d.signerName }]);
  w.recipients([`Ông/Bà ${d.applicantName}`, 'Lưu: VT']);
  return w.finish();
}

async function processControl(d: FormData<'process-control'>): Promise<Buffer> {
  const { w } = await dossierFormHead('process-control', d, {
    subtitle: '(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)',
  });
  w.field('Chủ hồ sơ', d.applicantName)
    .field('Địa chỉ', d.applicantAddress)
    .field('Nội dung yêu cầu giải quyết', d.procedureName)
    .field('Thời gian nhận hồ sơ', formatDateTimeVi(d.receivedAt))
    .field('Thời gian trả kết quả', formatDateTimeVi(d.dueAt))
    .field('Cơ quan (bộ phận) giải quyết hồ sơ', d.handlingAgencyName)
    .field(
      'Cơ quan phối hợp giải quyết',
      d.coordinatingAgencyNames.length > 0 ? d.coordinatingAgencyNames.join('; ') : undefined,
    );
  w.table(
    [
      { header: 'TÊN CƠ QUAN', weight: 4 },
      { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', weight: 7 },
      { header: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ Đúng hạn/ Quá hạn)', weight: 4, align: 'center' },
      { header: 'GHI CHÚ', weight: 3 },
    ],
    d.handoffs.map((h) => [
      h.agencyName,
      [
        `1. Giao: ${formatDateTimeVi(h.givenAt)}`,
        h.giverName ? `Người giao: ${h.giverName}` : '',
        `2. Nhận: ${h.receivedAt ? formatDateTimeVi(h.receivedAt) : '…'}`,
        h.receiverName ? `Người nhận: ${h.receiverName}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      h.result ? HANDOFF_RESULT_LABEL[h.result] : 'Đang giải quyết',
      h.note ?? '',
    ]),
  );
  return w.finish();
}

async function trackingBook(d: FormData<'tracking-book'>): Promise<Buffer> {
  const id = formIdentity('tracking-book', ruleSetFor(d.from));
  const w = new FormWriter({ size: 'A4', layout: 'landscape', title: id.title });
  const period = `Từ ngày ${formatDate(d.from)} đến ngày ${formatDate(d.to)}${d.bookNumber ? ` - Quyển số: ${d.bookNumber}` : ''}`;
  w.formReference(id).header(d).title(id.title, period);
  const when = (value: string | undefined) => (value ? formatDateTimeShort(value) : '');
  w.table(
    [
      { header: 'STT', weight: 2.2, align: 'center' },
      { header: 'Mã hồ sơ', weight: 10 },
      { header: 'Tên thủ tục hành chính', weight: 7.5 },
      { header: 'Số lượng hồ sơ (bộ)', weight: 3.6, align: 'center' },
      { header: 'Tên cá nhân, tổ chức', weight: 5.5 },
      { header: 'Địa chỉ, số điện thoại', weight: 6 },
      { header: 'Cơ quan chủ trì giải quyết', weight: 6 },
      { header: 'Nhận hồ sơ', weight: 4.4 },
      { header: 'Hẹn trả kết quả', weight: 4.4 },
      { header: 'Chuyển hồ sơ đến cơ quan giải quyết', weight: 4.8 },
      { header: 'Nhận kết quả từ cơ quan giải quyết', weight: 4.8 },
      { header: 'Trả kết quả cho cá nhân, tổ chức', weight: 4.8 },
      { header: 'Ký nhận', weight: 3.5 },
      { header: 'Ghi chú', weight: 4 },
    ],
    d.rows.length > 0
      ? d.rows.map((r, i) => [
          String(i + 1),
          r.code,
          r.procedureName,
          String(r.dossierCount),
          r.applicantName,
          r.applicantContact ?? '',
          r.leadAgencyName,
          when(r.receivedAt),
          when(r.dueAt),
          when(r.transferredAt),
          when(r.resultReceivedAt),
          when(r.returnedAt),
          '',
          r.note ?? '',
        ])
      : [['', 'Không có hồ sơ trong kỳ', '', '', '', '', '', '', '', '', '', '', '', '']],
    6.5,
  );
  return w.finish();
}

const RENDERERS: { [K in FormKind]: (data: FormData<K>) => Promise<Buffer> } = {
  receipt,
  'supplement-request': supplementRequest,
  refusal,
  apology,
  'stop-notice': stopNotice,
  'process-control': processControl,
  'tracking-book': trackingBook,
};

/** Validates the data against the form's schema (FormDataError on a missing field), then lays it out. */
export async function renderForm<K extends FormKind>(kind: K, data: FormInput<K>): Promise<Buffer> {
  const renderer = RENDERERS[kind] as (data: FormData<K>) => Promise<Buffer>;
  return renderer(parseFormData(kind, data));
}
