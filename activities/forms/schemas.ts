/**
 * The official forms of the one-stop process and the data each needs (rules §2.2, field lists of the
 * TT 01/2018 templates carried into TT 03/2025). A dossier keeps the form set of its receipt date: the
 * 2025 set is Circular 03/2025/TT-VPCP's appendix I, from 15/09/2025 (docs/rules.md, forms row). Decree
 * 118/2025 took effect on 01/07/2025, but until its circular came out the desks kept the TT 01/2018 forms.
 */
import { z } from 'zod';
import { vietnamDayStart } from '../../domain/calendar/time';
import { DocumentFormSchema, TimelinessSchema } from '../../domain/vocabulary';

export const FORM_KINDS = [
  'receipt',
  'supplement-request',
  'refusal',
  'apology',
  'stop-notice',
  'process-control',
  'tracking-book',
] as const;

export type FormKind = (typeof FORM_KINDS)[number];

/** Forms printed for one dossier; the tracking book covers a period instead. */
export type DossierFormKind = Exclude<FormKind, 'tracking-book'>;

export type RuleSet = '2018' | '2025';

/** The day the 2025 form set (Circular 03/2025/TT-VPCP, appendix I) applies from. */
export const FORMS_2025_FROM = vietnamDayStart('2025-09-15');

export function ruleSetFor(receivedAt: string | Date): RuleSet {
  return new Date(receivedAt).getTime() < FORMS_2025_FROM.getTime() ? '2018' : '2025';
}

export interface FormIdentity {
  /** "01" … "07"; absent where the rule set has no such form (no stop notice before 2025). */
  number?: string;
  title: string;
  circular: string;
}

const CIRCULAR: Record<RuleSet, string> = {
  '2018': 'Thông tư số 01/2018/TT-VPCP',
  '2025': 'Thông tư số 03/2025/TT-VPCP',
};

const FORM_NUMBERS: Record<FormKind, Record<RuleSet, { number?: string; title: string }>> = {
  receipt: {
    '2018': { number: '01', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' },
    '2025': { number: '01', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' },
  },
  'supplement-request': {
    '2018': { number: '02', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' },
    '2025': { number: '02', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' },
  },
  refusal: {
    '2018': { number: '03', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' },
    '2025': { number: '03', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' },
  },
  apology: {
    '2018': { number: '04', title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' },
    '2025': { number: '04', title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết' },
  },
  'stop-notice': {
    // TT 01/2018 had no such form; the stop is still notified (Decree 118 Art. 21) under this title.
    '2018': { title: 'Thông báo dừng giải quyết hồ sơ' },
    '2025': { number: '05', title: 'Thông báo dừng giải quyết hồ sơ' },
  },
  'process-control': {
    '2018': { number: '05', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' },
    '2025': { number: '06', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' },
  },
  'tracking-book': {
    '2018': { number: '06', title: 'Sổ theo dõi hồ sơ' },
    '2025': { number: '07', title: 'Sổ theo dõi hồ sơ' },
  },
};

export function formIdentity(kind: FormKind, ruleSet: RuleSet): FormIdentity {
  return { ...FORM_NUMBERS[kind][ruleSet], circular: CIRCULAR[ruleSet] };
}

const text = z.string().trim().min(1);
const instant = z.iso.datetime({ offset: true });

/** The unit that issues the form and the header it prints. */
const issuer = {
  /** Cơ quan chủ quản, printed above the unit, e.g. "UBND TỈNH BÌNH PHƯỚC". */
  governingBody: text.optional(),
  agencyName: text,
  /** "Số: …" of the form. */
  documentNumber: text.optional(),
  /** Place in the dateline ("Phước Hòa, ngày …"). */
  place: text.optional(),
};

const dossier = {
  code: text,
  /** Public tracking page, printed and encoded in the QR code. */
  trackingUrl: z.url(),
  /** When the dossier was received (or handed in, if it never was): it decides the form set. */
  receivedAt: instant,
  procedureName: text,
};

const applicant = {
  applicantName: text,
  applicantAddress: text.optional(),
  applicantPhone: text.optional(),
  applicantEmail: text.optional(),
};

const signer = {
  /** "GIÁM ĐỐC", or "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" (rules F6). */
  signerTitle: text,
  signerName: text.optional(),
};

const submittedDocument = z.object({
  name: text,
  form: DocumentFormSchema,
  quantity: z.number().int().positive().default(1),
  note: text.optional(),
});

export const receiptSchema = z.object({
  ...issuer,
  ...dossier,
  ...applicant,
  documents: z.array(submittedDocument).min(1),
  /** Số lượng hồ sơ (bộ). */
  dossierCount: z.number().int().positive().default(1),
  /** "15 ngày làm việc", in the procedure's own unit. */
  processingTime: text,
  dueAt: instant,
  /** The desk session the citizen is asked to come in (H2); without it the receipt prints dueAt. */
  appointmentFrom: instant.optional(),
  appointmentTo: instant.optional(),
  /** Đăng ký nhận kết quả tại: the counter, a postal address, or the citizen's portal account. */
  returnPlace: text,
  receiverName: text,
  /** The citizen's access code: known only while the receipt is printed at reception, never stored. */
  accessCode: text.optional(),
  bookNumber: text.optional(),
  sequenceNumber: text.optional(),
  fees: text.optional(),
  hotline: text.optional(),
});

export const supplementRequestSchema = z.object({
  ...issuer,
  ...dossier,
  ...applicant,
  issuedAt: instant,
  /** At reception (Art. 17(1)(c)) or found during appraisal (Art. 19(5)). */
  stage: z.enum(['reception', 'appraisal']),
  documents: z
    .array(
      z.object({
        name: text,
        form: DocumentFormSchema.optional(),
        quantity: z.number().int().positive(),
      }),
    )
    .min(1),
  reason: text,
  /** Appraisal requests: the dossier is closed if nothing arrives by then (Art. 19(5), 15 days). */
  closeBy: instant.optional(),
  guideName: text,
  contactPhone: text.optional(),
});

export const refusalSchema = z.object({
  ...issuer,
  ...dossier,
  ...applicant,
  issuedAt: instant,
  stage: z.enum(['reception', 'appraisal']),
  reason: text,
  receiverName: text,
});

export const apologySchema = z.object({
  ...issuer,
  ...dossier,
  ...applicant,
  ...signer,
  issuedAt: instant,
  /** Appointment on the receipt. */
  dueAt: instant,
  /** Proposed new appointment; absent when the delay is found only after the due date passed. */
  newDueAt: instant.optional(),
  reason: text,
  /** The one-stop that receives the extension request (2025 Mẫu 04, Art. 19(6)). */
  oneStopName: text,
});

export const stopNoticeSchema = z.object({
  ...issuer,
  ...dossier,
  ...applicant,
  ...signer,
  issuedAt: instant,
  /** When the citizen asked to stop (Art. 21(1): any time before the decision). */
  requestedAt: instant,
  /** Status of the dossier when it stopped, e.g. "Đang xử lý". */
  stageLabel: text,
  originalsHandling: text.optional(),
  feesHandling: text.optional(),
});

export const processControlSchema = z.object({
  ...issuer,
  ...dossier,
  applicantName: text,
  applicantAddress: text.optional(),
  dueAt: instant,
  handlingAgencyName: text,
  coordinatingAgencyNames: z.array(text).default([]),
  handoffs: z
    .array(
      z.object({
        agencyName: text,
        givenAt: instant,
        giverName: text.optional(),
        receivedAt: instant.optional(),
        receiverName: text.optional(),
        result: TimelinessSchema.optional(),
        note: text.optional(),
      }),
    )
    .min(1),
});

export const trackingBookSchema = z.object({
  ...issuer,
  from: instant,
  to: instant,
  bookNumber: text.optional(),
  rows: z.array(
    z.object({
      code: text,
      procedureName: text,
      dossierCount: z.number().int().positive().default(1),
      applicantName: text,
      /** Địa chỉ, số điện thoại. */
      applicantContact: text.optional(),
      leadAgencyName: text,
      receivedAt: instant,
      dueAt: instant,
      transferredAt: instant.optional(),
      resultReceivedAt: instant.optional(),
      returnedAt: instant.optional(),
      note: text.optional(),
    }),
  ),
});

export const FORM_SCHEMAS = {
  receipt: receiptSchema,
  'supplement-request': supplementRequestSchema,
  refusal: refusalSchema,
  apology: apologySchema,
  'stop-notice': stopNoticeSchema,
  'process-control': processControlSchema,
  'tracking-book': trackingBookSchema,
} as const satisfies Record<FormKind, z.ZodObject>;

/** What callers pass (defaults may be left out). */
export type FormInput<K extends FormKind> = z.input<(typeof FORM_SCHEMAS)[K]>;
/** What the renderer works with, after validation. */
export type FormData<K extends FormKind> = z.output<(typeof FORM_SCHEMAS)[K]>;

export class FormDataError extends Error {
  constructor(
    readonly kind: string,
    readonly field: string,
    detail: string,
  ) {
    super(`form ${kind}: field "${field}" ${detail}`);
    this.name = 'FormDataError';
  }
}

export function parseFormData<K extends FormKind>(kind: K, data: unknown): FormData<K> {
  const parsed = FORM_SCHEMAS[kind].safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FormDataError(kind, issue.path.map(String).join('.') || '(data)', issue.message);
  }
  return parsed.data as FormData<K>;
}
