/**
 * Message templates for every occasion, Vietnamese with English beside. Each declares the fields it
 * needs; rendering with one missing throws instead of sending a message with a hole in it.
 */
import { z } from 'zod';
import {
  formatAmountEn,
  formatAmountVi,
  formatDate,
  formatDateTimeEn,
  formatDateTimeShort,
  formatDateTimeVi,
} from './format';
import { OCCASION_INFO, isOccasion, type AudienceKind, type Lang, type Occasion } from './occasions';
import { fitSms } from './sms';

export class TemplateFieldError extends Error {
  constructor(
    readonly occasion: string,
    readonly field: string,
    detail: string,
  ) {
    super(`template ${occasion}: field "${field}" ${detail}`);
    this.name = 'TemplateFieldError';
  }
}

export interface RenderedNotification {
  subject: string;
  text: string;
  sms: string;
}

export interface RenderOptions {
  lang: Lang;
  /** Origin of the public site; citizen messages link to `${publicBaseUrl}/tra-cuu/${code}`. */
  publicBaseUrl?: string;
  /** For occasions told to both citizens and staff; the occasion's first audience otherwise. */
  audience?: AudienceKind;
}

export type NotificationData = Record<string, unknown>;

const text = z.string().trim().min(1);
const instant = z.iso.datetime({ offset: true });
const documentList = z.array(text).min(1);
const workingDays = z.number().int().min(0);

/** What every message names: the dossier and the person addressed (filled in per recipient). */
const citizen = { code: text, applicantName: text };
const staff = { code: text, recipientName: text };

interface Body {
  subject: string;
  lines: string[];
  sms: string;
}

interface Context {
  /** Tracking page of the dossier; empty for staff messages. */
  link: string;
}

interface Template<S extends z.ZodObject> {
  schema: S;
  vi(d: z.infer<S>, c: Context): Body;
  en(d: z.infer<S>, c: Context): Body;
}

const define = <S extends z.ZodObject>(t: Template<S>): Template<S> => t;

const numbered = (items: readonly string[]): string[] => items.map((item, i) => `  ${i + 1}. ${item}`);

const dueInVi = (n: number | undefined): string =>
  n === undefined ? 'sắp đến hạn' : n === 0 ? 'đến hạn hôm nay' : `còn ${n} ngày làm việc`;
const dueInEn = (n: number | undefined): string =>
  n === undefined
    ? 'is nearly due'
    : n === 0
      ? 'is due today'
      : `is due in ${n} working day${n === 1 ? '' : 's'}`;

const RETURN_METHOD = {
  counter: { vi: 'nhận trực tiếp tại Bộ phận Một cửa', en: 'collected at the one-stop desk' },
  post: { vi: 'qua dịch vụ bưu chính', en: 'by post' },
  electronic: { vi: 'bản điện tử', en: 'electronically' },
} as const;

type Variants = { citizen?: Template<z.ZodObject>; staff?: Template<z.ZodObject> };

const TEMPLATES = {
  // Decree 118 Art. 17(1)(c), 17(3): the receipt starts the clock and carries the code.
  received: {
    citizen: define({
      schema: z.object({ ...citizen, procedureName: text, receivedAt: instant, dueAt: instant }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: đã được tiếp nhận`,
        lines: [
          `Bộ phận Một cửa đã tiếp nhận đầy đủ, hợp lệ hồ sơ "${d.procedureName}" của Ông/Bà.`,
          `Mã số hồ sơ: ${d.code}`,
          `Thời gian nhận hồ sơ: ${formatDateTimeVi(d.receivedAt)}`,
          `Thời gian hẹn trả kết quả: ${formatDateTimeVi(d.dueAt)}`,
          'Ông/Bà vui lòng giữ Giấy tiếp nhận hồ sơ và hẹn trả kết quả để nhận kết quả.',
        ],
        sms: `Hồ sơ đã tiếp nhận, hẹn trả ${formatDateTimeShort(d.dueAt)}. Tra cứu: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: received`,
        lines: [
          `Your dossier for "${d.procedureName}" has been received as complete and valid.`,
          `Dossier code: ${d.code}`,
          `Received at: ${formatDateTimeEn(d.receivedAt)}`,
          `Result due: ${formatDateTimeEn(d.dueAt)}`,
          'Please keep the receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) to collect the result.',
        ],
        sms: `Your dossier was received; result due ${formatDateTimeShort(d.dueAt)}. Track: ${c.link}`,
      }),
    }),
  },

  // Decree 118 Art. 17(2)(c): online submissions are accepted, or sent back, within 8 working hours.
  submission_accepted: {
    citizen: define({
      schema: z.object({ ...citizen, procedureName: text, receivedAt: instant, dueAt: instant }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: hồ sơ nộp trực tuyến đã được tiếp nhận`,
        lines: [
          `Hồ sơ "${d.procedureName}" Ông/Bà nộp trực tuyến đã được kiểm tra và chính thức tiếp nhận.`,
          `Mã số hồ sơ: ${d.code}`,
          `Thời gian tiếp nhận: ${formatDateTimeVi(d.receivedAt)}`,
          `Thời gian hẹn trả kết quả: ${formatDateTimeVi(d.dueAt)}`,
        ],
        sms: `Hồ sơ trực tuyến đã tiếp nhận, hẹn trả ${formatDateTimeShort(d.dueAt)}. Xem: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: online submission accepted`,
        lines: [
          `Your online submission for "${d.procedureName}" has been checked and officially accepted.`,
          `Dossier code: ${d.code}`,
          `Accepted at: ${formatDateTimeEn(d.receivedAt)}`,
          `Result due: ${formatDateTimeEn(d.dueAt)}`,
        ],
        sms: `Your online dossier was accepted; result due ${formatDateTimeShort(d.dueAt)}. Track: ${c.link}`,
      }),
    }),
  },

  // Decree 118 Art. 17(2)(c): the desk must accept or send back an online submission in 8 working hours.
  acceptance_reminder: {
    staff: define({
      schema: z.object({ ...staff, procedureName: text, acceptBy: instant, submittedAt: instant.optional() }),
      vi: (d) => ({
        subject: `Hồ sơ trực tuyến ${d.code}: tiếp nhận trước ${formatDateTimeShort(d.acceptBy)}`,
        lines: [
          `Hồ sơ "${d.procedureName}" (mã ${d.code}) nộp trực tuyến${d.submittedAt ? ` lúc ${formatDateTimeVi(d.submittedAt)}` : ''} đang chờ tiếp nhận.`,
          `Đề nghị tiếp nhận hoặc thông báo yêu cầu bổ sung, hoàn thiện trước ${formatDateTimeVi(d.acceptBy)} (trong 08 giờ làm việc, Điều 17 khoản 2 Nghị định 118/2025/NĐ-CP).`,
        ],
        sms: `HS trực tuyến ${d.code} chờ tiếp nhận, hạn ${formatDateTimeShort(d.acceptBy)}.`,
      }),
      en: (d) => ({
        subject: `Online dossier ${d.code}: accept before ${formatDateTimeShort(d.acceptBy)}`,
        lines: [
          `Dossier "${d.procedureName}" (code ${d.code}) submitted online${d.submittedAt ? ` at ${formatDateTimeEn(d.submittedAt)}` : ''} is waiting to be accepted.`,
          `Please accept it or ask for completion before ${formatDateTimeEn(d.acceptBy)} (8 working hours, Decree 118/2025 Art. 17(2)).`,
        ],
        sms: `Online dossier ${d.code} awaits acceptance by ${formatDateTimeShort(d.acceptBy)}.`,
      }),
    }),
  },

  // Decree 118 Art. 16(3), 17(2)(c): everything missing is listed in one go, before acceptance.
  completion_requested: {
    citizen: define({
      schema: z.object({
        ...citizen,
        procedureName: text,
        reason: text,
        documents: documentList,
        closeBy: instant.optional(),
      }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: đề nghị bổ sung, hoàn thiện trước khi tiếp nhận`,
        lines: [
          `Hồ sơ "${d.procedureName}" Ông/Bà nộp chưa đầy đủ, hợp lệ nên chưa được tiếp nhận.`,
          `Lý do: ${d.reason}`,
          'Ông/Bà vui lòng bổ sung, hoàn thiện một lần các giấy tờ sau:',
          ...numbered(d.documents),
          ...(d.closeBy ? [`Thời hạn bổ sung: trước ${formatDateTimeVi(d.closeBy)}.`] : []),
          'Thời hạn giải quyết chỉ được tính từ khi hồ sơ được tiếp nhận đầy đủ, hợp lệ.',
        ],
        sms: `Hồ sơ chưa đủ để tiếp nhận, cần bổ sung ${d.documents.length} giấy tờ. Chi tiết: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: please complete your dossier before it can be accepted`,
        lines: [
          `Your dossier for "${d.procedureName}" is not yet complete and valid, so it has not been accepted.`,
          `Reason: ${d.reason}`,
          'Please provide all of the following documents at once:',
          ...numbered(d.documents),
          ...(d.closeBy ? [`Please provide them before ${formatDateTimeEn(d.closeBy)}.`] : []),
          'The processing time only starts once the dossier is accepted as complete and valid.',
        ],
        sms: `Your dossier needs ${d.documents.length} more document(s) before acceptance. Details: ${c.link}`,
      }),
    }),
  },

  // Decree 118 Art. 17(1)(c) at the counter, Art. 19(3) after appraisal: always with the reason.
  refused: {
    citizen: define({
      schema: z.object({
        ...citizen,
        procedureName: text,
        reason: text,
        stage: z.enum(['reception', 'appraisal']).optional(),
      }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: không được tiếp nhận, giải quyết`,
        lines: [
          d.stage === 'appraisal'
            ? `Sau khi thẩm định, hồ sơ "${d.procedureName}" của Ông/Bà không đủ điều kiện giải quyết.`
            : `Hồ sơ "${d.procedureName}" của Ông/Bà không được tiếp nhận, giải quyết.`,
          `Lý do: ${d.reason}`,
          'Ông/Bà nhận lại hồ sơ cùng Phiếu từ chối tiếp nhận giải quyết hồ sơ tại Bộ phận Một cửa.',
        ],
        sms: `Hồ sơ không được tiếp nhận, giải quyết. Lý do và hướng dẫn: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: refused`,
        lines: [
          d.stage === 'appraisal'
            ? `After appraisal, your dossier for "${d.procedureName}" does not meet the conditions to be granted.`
            : `Your dossier for "${d.procedureName}" cannot be accepted for handling.`,
          `Reason: ${d.reason}`,
          'You can collect your documents and the refusal slip at the one-stop desk.',
        ],
        sms: `Your dossier was refused. Reason and guidance: ${c.link}`,
      }),
    }),
  },

  // Decree 118 Art. 18, 20: the next agency must know at once that the dossier is on its desk.
  // A returned result to correct (Art. 23(1)) arrives with no step of its own.
  transferred: {
    staff: define({
      schema: z.object({
        ...staff,
        procedureName: text,
        stepName: text.optional(),
        stepDueAt: instant.optional(),
      }),
      vi: (d) => ({
        subject: `Hồ sơ ${d.code} chuyển đến${d.stepName ? `: ${d.stepName}` : ' đơn vị'}`,
        lines: [
          d.stepName
            ? `Hồ sơ "${d.procedureName}" (mã ${d.code}) đã được chuyển đến đơn vị để thực hiện bước: ${d.stepName}.`
            : `Hồ sơ "${d.procedureName}" (mã ${d.code}) đã được chuyển đến đơn vị để xử lý.`,
          ...(d.stepDueAt ? [`Hạn hoàn thành bước: ${formatDateTimeVi(d.stepDueAt)}`] : []),
          'Nếu hồ sơ cần bổ sung, đề nghị gửi Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ qua Bộ phận Một cửa trong 03 ngày làm việc kể từ ngày nhận (Điều 19 khoản 5 Nghị định 118/2025/NĐ-CP).',
        ],
        sms: d.stepDueAt
          ? `Hồ sơ ${d.code} đã chuyển đến đơn vị, hạn xử lý ${formatDateTimeShort(d.stepDueAt)}.`
          : `Hồ sơ ${d.code} đã chuyển đến đơn vị để xử lý.`,
      }),
      en: (d) => ({
        subject: `Dossier ${d.code} arrived${d.stepName ? `: ${d.stepName}` : ''}`,
        lines: [
          d.stepName
            ? `Dossier "${d.procedureName}" (code ${d.code}) has been transferred to your agency for the step: ${d.stepName}.`
            : `Dossier "${d.procedureName}" (code ${d.code}) has been transferred to your agency.`,
          ...(d.stepDueAt ? [`Step due: ${formatDateTimeEn(d.stepDueAt)}`] : []),
          'If documents are missing, send the supplement request through the one-stop desk within 3 working days of receipt (Decree 118/2025 Art. 19(5)).',
        ],
        sms: d.stepDueAt
          ? `Dossier ${d.code} arrived at your agency; step due ${formatDateTimeShort(d.stepDueAt)}.`
          : `Dossier ${d.code} arrived at your agency.`,
      }),
    }),
  },

  // Decree 118 Art. 19(5): one request, reason and documents, closed after 15 days without answer.
  supplement_requested: {
    citizen: define({
      schema: z.object({
        ...citizen,
        procedureName: text,
        reason: text,
        documents: documentList,
        closeBy: instant,
      }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: yêu cầu bổ sung, hoàn thiện hồ sơ`,
        lines: [
          `Trong quá trình giải quyết, hồ sơ "${d.procedureName}" của Ông/Bà cần được bổ sung, hoàn thiện.`,
          `Lý do: ${d.reason}`,
          'Giấy tờ cần bổ sung:',
          ...numbered(d.documents),
          `Ông/Bà vui lòng nộp bổ sung trước ${formatDateTimeVi(d.closeBy)}; quá thời hạn này hồ sơ sẽ bị đóng (Điều 19 khoản 5 Nghị định 118/2025/NĐ-CP).`,
          'Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ bổ sung.',
        ],
        sms: `Hồ sơ cần bổ sung giấy tờ trước ${formatDateTimeShort(d.closeBy)}. Chi tiết: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: supplement requested`,
        lines: [
          `While handling your dossier for "${d.procedureName}", the agency found that it must be supplemented.`,
          `Reason: ${d.reason}`,
          'Documents to provide:',
          ...numbered(d.documents),
          `Please provide them before ${formatDateTimeEn(d.closeBy)}; after that the dossier will be closed (Decree 118/2025 Art. 19(5)).`,
          'The processing time restarts from zero once the supplement is complete.',
        ],
        sms: `Your dossier needs documents before ${formatDateTimeShort(d.closeBy)}. Details: ${c.link}`,
      }),
    }),
  },

  // Decree 118 Art. 19(5): the clock restarts, so the citizen gets the new appointment and the
  // agency that asked gets its dossier back.
  supplement_received: {
    citizen: define({
      schema: z.object({ ...citizen, dueAt: instant, supplementedAt: instant.optional() }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: đã nhận hồ sơ bổ sung`,
        lines: [
          `Bộ phận Một cửa đã nhận đủ hồ sơ bổ sung của Ông/Bà${d.supplementedAt ? ` lúc ${formatDateTimeVi(d.supplementedAt)}` : ''}.`,
          'Theo quy định, thời hạn giải quyết được tính lại từ đầu.',
          `Thời gian hẹn trả kết quả mới: ${formatDateTimeVi(d.dueAt)}`,
        ],
        sms: `Đã nhận bổ sung, hẹn trả mới ${formatDateTimeShort(d.dueAt)}. Tra cứu: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: supplement received`,
        lines: [
          `The one-stop desk received your complete supplement${d.supplementedAt ? ` at ${formatDateTimeEn(d.supplementedAt)}` : ''}.`,
          'As the rules require, the processing time restarts from zero.',
          `New result date: ${formatDateTimeEn(d.dueAt)}`,
        ],
        sms: `Supplement received; new result date ${formatDateTimeShort(d.dueAt)}. Track: ${c.link}`,
      }),
    }),
    staff: define({
      schema: z.object({ ...staff, procedureName: text, dueAt: instant }),
      vi: (d) => ({
        subject: `Hồ sơ ${d.code}: công dân đã bổ sung đủ`,
        lines: [
          `Hồ sơ "${d.procedureName}" (mã ${d.code}) đã được công dân bổ sung đầy đủ và chuyển lại đơn vị.`,
          `Thời hạn giải quyết được tính lại từ đầu; hạn trả kết quả mới: ${formatDateTimeVi(d.dueAt)}`,
        ],
        sms: `HS ${d.code} đã bổ sung đủ, hạn trả mới ${formatDateTimeShort(d.dueAt)}.`,
      }),
      en: (d) => ({
        subject: `Dossier ${d.code}: supplement complete`,
        lines: [
          `Dossier "${d.procedureName}" (code ${d.code}) was supplemented by the citizen and is back with your agency.`,
          `The processing time restarted; new result date: ${formatDateTimeEn(d.dueAt)}`,
        ],
        sms: `Dossier ${d.code} supplemented; new due date ${formatDateTimeShort(d.dueAt)}.`,
      }),
    }),
  },

  // Decree 118 Art. 24: fees may be paid directly, by transfer or online on the national portal.
  payment_requested: {
    citizen: define({
      schema: z.object({ ...citizen, amountVnd: z.number().positive(), reason: text.optional() }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: đề nghị thực hiện nghĩa vụ tài chính`,
        lines: [
          `Để tiếp tục giải quyết hồ sơ, Ông/Bà cần nộp ${d.reason ?? 'phí, lệ phí'}: ${formatAmountVi(d.amountVnd)}.`,
          'Ông/Bà có thể nộp trực tiếp, chuyển khoản hoặc thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia.',
        ],
        sms: `Hồ sơ cần nộp ${formatAmountVi(d.amountVnd)} để tiếp tục giải quyết. Chi tiết: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: payment requested`,
        lines: [
          `To continue handling your dossier, please pay ${d.reason ?? 'the fees'}: ${formatAmountEn(d.amountVnd)}.`,
          'You can pay at the desk, by bank transfer or online on the National Public Service Portal.',
        ],
        sms: `Please pay ${formatAmountEn(d.amountVnd)} for your dossier. Details: ${c.link}`,
      }),
    }),
  },

  step_reminder: {
    staff: define({
      schema: z.object({
        ...staff,
        stepName: text,
        stepDueAt: instant,
        dueInWorkingDays: workingDays.optional(),
      }),
      vi: (d) => ({
        subject: `Nhắc việc: hồ sơ ${d.code}, bước ${d.stepName} ${dueInVi(d.dueInWorkingDays)}`,
        lines: [
          `Bước "${d.stepName}" của hồ sơ ${d.code} ${dueInVi(d.dueInWorkingDays)}.`,
          `Hạn hoàn thành bước: ${formatDateTimeVi(d.stepDueAt)}`,
        ],
        sms: `Nhắc việc: HS ${d.code} ${dueInVi(d.dueInWorkingDays)}, hạn bước ${formatDateTimeShort(d.stepDueAt)}.`,
      }),
      en: (d) => ({
        subject: `Reminder: dossier ${d.code}, step ${d.stepName} ${dueInEn(d.dueInWorkingDays)}`,
        lines: [
          `The step "${d.stepName}" of dossier ${d.code} ${dueInEn(d.dueInWorkingDays)}.`,
          `Step due: ${formatDateTimeEn(d.stepDueAt)}`,
        ],
        sms: `Reminder: dossier ${d.code} step ${dueInEn(d.dueInWorkingDays)}, due ${formatDateTimeShort(d.stepDueAt)}.`,
      }),
    }),
  },

  dossier_reminder: {
    staff: define({
      schema: z.object({
        ...staff,
        procedureName: text,
        dueAt: instant,
        dueInWorkingDays: workingDays.optional(),
      }),
      vi: (d) => ({
        subject: `Nhắc việc: hồ sơ ${d.code} ${dueInVi(d.dueInWorkingDays)}`,
        lines: [
          `Hồ sơ "${d.procedureName}" (mã ${d.code}) ${dueInVi(d.dueInWorkingDays)}.`,
          `Thời gian hẹn trả kết quả: ${formatDateTimeVi(d.dueAt)}`,
        ],
        sms: `Nhắc việc: HS ${d.code} ${dueInVi(d.dueInWorkingDays)}, hẹn trả ${formatDateTimeShort(d.dueAt)}.`,
      }),
      en: (d) => ({
        subject: `Reminder: dossier ${d.code} ${dueInEn(d.dueInWorkingDays)}`,
        lines: [
          `Dossier "${d.procedureName}" (code ${d.code}) ${dueInEn(d.dueInWorkingDays)}.`,
          `Result due: ${formatDateTimeEn(d.dueAt)}`,
        ],
        sms: `Reminder: dossier ${d.code} ${dueInEn(d.dueInWorkingDays)}, due ${formatDateTimeShort(d.dueAt)}.`,
      }),
    }),
  },

  // Decree 118 Art. 19(6): the apology and extension request are due no later than one day before.
  escalation: {
    staff: define({
      schema: z.object({
        ...staff,
        procedureName: text,
        dueAt: instant,
        extensionCutoff: instant.optional(),
      }),
      vi: (d) => ({
        subject: `Cảnh báo: hồ sơ ${d.code} đến hạn ngày ${formatDate(d.dueAt)}, chưa giải quyết xong`,
        lines: [
          `Hồ sơ "${d.procedureName}" (mã ${d.code}) đến hạn trả kết quả lúc ${formatDateTimeVi(d.dueAt)} nhưng chưa giải quyết xong và chưa được gia hạn.`,
          'Nếu dự kiến quá hạn, chậm nhất 01 ngày trước ngày hết hạn, cơ quan giải quyết phải thông báo bằng văn bản cho Bộ phận Một cửa và gửi văn bản xin lỗi, đề nghị gia hạn thời gian giải quyết cho công dân (Điều 19 khoản 6 Nghị định 118/2025/NĐ-CP). Việc hẹn lại ngày trả kết quả chỉ được thực hiện một lần.',
          ...(d.extensionCutoff
            ? [`Thời hạn cuối để đề nghị gia hạn: ${formatDateTimeVi(d.extensionCutoff)}`]
            : []),
        ],
        sms: `Cảnh báo: HS ${d.code} đến hạn ${formatDateTimeShort(d.dueAt)}, chưa gia hạn. Đề nghị xử lý ngay.`,
      }),
      en: (d) => ({
        subject: `Warning: dossier ${d.code} is due on ${formatDate(d.dueAt)} and not finished`,
        lines: [
          `Dossier "${d.procedureName}" (code ${d.code}) is due at ${formatDateTimeEn(d.dueAt)}, is not finished and has not been extended.`,
          'If it will be late, the agency must notify the one-stop desk in writing and send the citizen an apology with the extension request no later than one day before the deadline (Decree 118/2025 Art. 19(6)). The result date can be moved only once.',
          ...(d.extensionCutoff
            ? [`Last moment to request the extension: ${formatDateTimeEn(d.extensionCutoff)}`]
            : []),
        ],
        sms: `Warning: dossier ${d.code} due ${formatDateTimeShort(d.dueAt)}, not extended. Act now.`,
      }),
    }),
  },

  // Decree 118 Art. 19(6), rules F6: an apology with the reason and, when known, the new date.
  overdue_apology: {
    citizen: define({
      schema: z.object({
        ...citizen,
        procedureName: text,
        dueAt: instant,
        reason: text.optional(),
        newDueAt: instant.optional(),
      }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: thư xin lỗi vì chậm trả kết quả`,
        lines: [
          `Hồ sơ "${d.procedureName}" của Ông/Bà chưa được trả kết quả đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả (${formatDateTimeVi(d.dueAt)}).`,
          ...(d.reason ? [`Lý do: ${d.reason}`] : []),
          d.newDueAt
            ? `Thời gian hẹn trả kết quả lại: ${formatDateTimeVi(d.newDueAt)}`
            : 'Cơ quan giải quyết sẽ thông báo ngay cho Ông/Bà khi có kết quả.',
          'Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi thành thật xin lỗi Ông/Bà.',
          'Văn bản xin lỗi được gửi kèm theo thư này.',
        ],
        sms: `Xin lỗi Ông/Bà, hồ sơ chưa có kết quả đúng hẹn. Chi tiết: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: our apology for the delay`,
        lines: [
          `The result of your dossier for "${d.procedureName}" was not ready by the date on your receipt (${formatDateTimeEn(d.dueAt)}).`,
          ...(d.reason ? [`Reason: ${d.reason}`] : []),
          d.newDueAt
            ? `New result date: ${formatDateTimeEn(d.newDueAt)}`
            : 'The agency will tell you as soon as the result is ready.',
          'We sincerely apologise for the inconvenience.',
          'The apology letter is attached.',
        ],
        sms: `We apologise: your dossier result is late. Details: ${c.link}`,
      }),
    }),
  },

  // Decree 118 Art. 12(5): the head of the agency answers for the delay, of a step or of the dossier.
  overdue_alert: {
    staff: define({
      schema: z.object({
        ...staff,
        procedureName: text,
        dueAt: instant,
        stepName: text.optional(),
        stepDueAt: instant.optional(),
      }),
      vi: (d) => ({
        subject: d.stepName ? `Quá hạn: bước ${d.stepName} của hồ sơ ${d.code}` : `Quá hạn: hồ sơ ${d.code}`,
        lines: [
          d.stepName && d.stepDueAt
            ? `Bước "${d.stepName}" của hồ sơ "${d.procedureName}" (mã ${d.code}) đã quá hạn từ ${formatDateTimeVi(d.stepDueAt)}; hạn trả kết quả hồ sơ: ${formatDateTimeVi(d.dueAt)}.`
            : `Hồ sơ "${d.procedureName}" (mã ${d.code}) đã quá hạn trả kết quả từ ${formatDateTimeVi(d.dueAt)}.`,
          'Đề nghị chỉ đạo giải quyết dứt điểm và, nếu hồ sơ trễ hẹn, gửi văn bản xin lỗi công dân nêu rõ lý do (Điều 12 khoản 5, Điều 19 khoản 6 Nghị định 118/2025/NĐ-CP).',
        ],
        sms:
          d.stepName && d.stepDueAt
            ? `Quá hạn: bước xử lý HS ${d.code} quá hạn từ ${formatDateTimeShort(d.stepDueAt)}.`
            : `Quá hạn: HS ${d.code} quá hạn trả kết quả từ ${formatDateTimeShort(d.dueAt)}.`,
      }),
      en: (d) => ({
        subject: d.stepName
          ? `Overdue: step ${d.stepName} of dossier ${d.code}`
          : `Overdue: dossier ${d.code}`,
        lines: [
          d.stepName && d.stepDueAt
            ? `The step "${d.stepName}" of dossier "${d.procedureName}" (code ${d.code}) has been overdue since ${formatDateTimeEn(d.stepDueAt)}; the dossier is due at ${formatDateTimeEn(d.dueAt)}.`
            : `Dossier "${d.procedureName}" (code ${d.code}) has been overdue since ${formatDateTimeEn(d.dueAt)}.`,
          'Please see that it is finished and, if the dossier is late, that the citizen receives a written apology stating the reason (Decree 118/2025 Art. 12(5), 19(6)).',
        ],
        sms:
          d.stepName && d.stepDueAt
            ? `Overdue: a step of dossier ${d.code} was due ${formatDateTimeShort(d.stepDueAt)}.`
            : `Overdue: dossier ${d.code} was due ${formatDateTimeShort(d.dueAt)}.`,
      }),
    }),
  },

  // Decree 118 Art. 19(6): the one-stop changes the date in the system and tells the citizen.
  extended: {
    citizen: define({
      schema: z.object({
        ...citizen,
        procedureName: text,
        reason: text,
        /** The appointment on the receipt. */
        previousDueAt: instant,
        /** The new appointment. */
        dueAt: instant,
      }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: xin lỗi và hẹn lại ngày trả kết quả`,
        lines: [
          `Hồ sơ "${d.procedureName}" của Ông/Bà không thể trả kết quả đúng hẹn ${formatDateTimeVi(d.previousDueAt)}.`,
          `Lý do: ${d.reason}`,
          `Chúng tôi thành thật xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả: ${formatDateTimeVi(d.dueAt)}.`,
          'Văn bản xin lỗi được gửi kèm theo thư này.',
        ],
        sms: `Xin lỗi Ông/Bà, hẹn lại trả kết quả ${formatDateTimeShort(d.dueAt)}. Xem: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: apology and new result date`,
        lines: [
          `The result of your dossier for "${d.procedureName}" cannot be ready by ${formatDateTimeEn(d.previousDueAt)}.`,
          `Reason: ${d.reason}`,
          `We sincerely apologise; the new result date is ${formatDateTimeEn(d.dueAt)}.`,
          'The apology letter is attached.',
        ],
        sms: `We apologise: your dossier's new result date is ${formatDateTimeShort(d.dueAt)}. Details: ${c.link}`,
      }),
    }),
  },

  // Decree 118 Art. 22(3), 6(2)(b): results are returned as the receipt says, against the receipt.
  result_ready: {
    citizen: define({
      schema: z.object({ ...citizen, procedureName: text, returnPlace: text.optional() }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: đã có kết quả`,
        lines: [
          `Hồ sơ "${d.procedureName}" của Ông/Bà đã có kết quả giải quyết.`,
          d.returnPlace
            ? `Ông/Bà nhận kết quả tại: ${d.returnPlace}.`
            : 'Ông/Bà nhận kết quả theo hình thức đã đăng ký trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
          'Khi nhận kết quả, vui lòng mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả; nếu bị mất, xuất trình giấy tờ tùy thân.',
        ],
        sms: `Hồ sơ đã có kết quả. Tra cứu: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: result ready`,
        lines: [
          `The result of your dossier for "${d.procedureName}" is ready.`,
          d.returnPlace
            ? `You can collect it at: ${d.returnPlace}.`
            : 'You will receive it the way you chose on your receipt.',
          'Please bring your receipt when collecting; if it is lost, bring your identity document.',
        ],
        sms: `Your dossier result is ready. Track: ${c.link}`,
      }),
    }),
    staff: define({
      schema: z.object({ ...staff, procedureName: text, dueAt: instant.optional() }),
      vi: (d) => ({
        subject: `Hồ sơ ${d.code}: đã có kết quả, chờ trả`,
        lines: [
          `Hồ sơ "${d.procedureName}" (mã ${d.code}) đã có kết quả giải quyết.`,
          `Đề nghị trả kết quả cho công dân theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả${d.dueAt ? ` (hẹn trả ${formatDateTimeVi(d.dueAt)})` : ''}.`,
        ],
        sms: `HS ${d.code} đã có kết quả, chờ trả cho công dân.`,
      }),
      en: (d) => ({
        subject: `Dossier ${d.code}: result ready to return`,
        lines: [
          `Dossier "${d.procedureName}" (code ${d.code}) has its result.`,
          `Please return it to the citizen as the receipt says${d.dueAt ? ` (due ${formatDateTimeEn(d.dueAt)})` : ''}.`,
        ],
        sms: `Dossier ${d.code} has its result; return it to the citizen.`,
      }),
    }),
  },

  // Decree 118 Art. 22(5): an early return must be announced beforehand.
  early_return_notice: {
    citizen: define({
      schema: z.object({ ...citizen, dueAt: instant, returnAt: instant.optional() }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: trả kết quả sớm hơn ngày hẹn`,
        lines: [
          `Hồ sơ của Ông/Bà đã được giải quyết trước thời hạn hẹn trả ${formatDateTimeVi(d.dueAt)}.`,
          d.returnAt
            ? `Ông/Bà có thể nhận kết quả từ ${formatDateTimeVi(d.returnAt)}.`
            : 'Ông/Bà có thể nhận kết quả ngay từ bây giờ.',
        ],
        sms: `Hồ sơ có kết quả trước hẹn ${formatDateTimeShort(d.dueAt)}. Tra cứu: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: result available early`,
        lines: [
          `Your dossier was handled ahead of the appointment of ${formatDateTimeEn(d.dueAt)}.`,
          d.returnAt
            ? `You can collect the result from ${formatDateTimeEn(d.returnAt)}.`
            : 'You can collect the result now.',
        ],
        sms: `Your result is ready before ${formatDateTimeShort(d.dueAt)}. Track: ${c.link}`,
      }),
    }),
  },

  returned: {
    citizen: define({
      schema: z.object({
        ...citizen,
        procedureName: text,
        returnedAt: instant.optional(),
        method: z.enum(['counter', 'post', 'electronic']).optional(),
      }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: đã trả kết quả`,
        lines: [
          `Kết quả giải quyết hồ sơ "${d.procedureName}" đã được trả cho Ông/Bà${d.returnedAt ? ` lúc ${formatDateTimeVi(d.returnedAt)}` : ''}${d.method ? ` (${RETURN_METHOD[d.method].vi})` : ''}.`,
        ],
        sms: `Hồ sơ đã được trả kết quả. Tra cứu: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: result returned`,
        lines: [
          `The result of your dossier for "${d.procedureName}" was handed over${d.returnedAt ? ` at ${formatDateTimeEn(d.returnedAt)}` : ''}${d.method ? ` (${RETURN_METHOD[d.method].en})` : ''}.`,
        ],
        sms: `Your dossier result was returned. Track: ${c.link}`,
      }),
    }),
  },

  // Decree 118 Art. 21: the citizen may stop the dossier until the decision is issued.
  withdrawn: {
    citizen: define({
      schema: z.object({ ...citizen, procedureName: text, withdrawnAt: instant.optional() }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: đã dừng giải quyết theo yêu cầu`,
        lines: [
          `Theo yêu cầu của Ông/Bà, hồ sơ "${d.procedureName}" đã được dừng giải quyết${d.withdrawnAt ? ` từ ${formatDateTimeVi(d.withdrawnAt)}` : ''}.`,
          'Việc hoàn trả giấy tờ và phí, lệ phí (nếu có) thực hiện theo quy định của pháp luật chuyên ngành.',
        ],
        sms: `Hồ sơ đã dừng giải quyết theo yêu cầu của Ông/Bà. Tra cứu: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: stopped at your request`,
        lines: [
          `At your request, handling of your dossier for "${d.procedureName}" has stopped${d.withdrawnAt ? ` as of ${formatDateTimeEn(d.withdrawnAt)}` : ''}.`,
          'Documents and any fees are returned as the sector law provides.',
        ],
        sms: `Your dossier was stopped at your request. Track: ${c.link}`,
      }),
    }),
  },

  // Decree 118 Art. 19(5): 15 days after the request without a supplement, the dossier is closed.
  closed_no_supplement: {
    citizen: define({
      schema: z.object({
        ...citizen,
        procedureName: text,
        supplementRequestedAt: instant.optional(),
        closedAt: instant.optional(),
      }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: đã đóng do không bổ sung`,
        lines: [
          `${d.supplementRequestedAt ? `Ngày ${formatDate(d.supplementRequestedAt)}, h` : 'H'}ồ sơ "${d.procedureName}" của Ông/Bà được yêu cầu bổ sung, hoàn thiện.`,
          `Quá thời hạn bổ sung mà hồ sơ chưa được bổ sung nên đã được đóng${d.closedAt ? ` lúc ${formatDateTimeVi(d.closedAt)}` : ''} (Điều 19 khoản 5 Nghị định 118/2025/NĐ-CP).`,
          'Ông/Bà có thể nộp hồ sơ mới khi có nhu cầu.',
        ],
        sms: `Hồ sơ đã đóng do không bổ sung đúng hạn. Tra cứu: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: closed without supplement`,
        lines: [
          `${d.supplementRequestedAt ? `On ${formatDate(d.supplementRequestedAt)} y` : 'Y'}our dossier for "${d.procedureName}" was asked for a supplement.`,
          `None arrived in time, so the dossier was closed${d.closedAt ? ` at ${formatDateTimeEn(d.closedAt)}` : ''} (Decree 118/2025 Art. 19(5)).`,
          'You may submit a new dossier at any time.',
        ],
        sms: `Your dossier was closed: no supplement in time. Track: ${c.link}`,
      }),
    }),
  },

  // Decree 118 Art. 31(1), 33: citizens rate the handling online.
  rating_invitation: {
    citizen: define({
      schema: z.object({ ...citizen, procedureName: text }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: mời đánh giá chất lượng phục vụ`,
        lines: [
          `Cảm ơn Ông/Bà đã sử dụng dịch vụ. Mời Ông/Bà đánh giá việc giải quyết hồ sơ "${d.procedureName}" (thời gian trả kết quả, thái độ của cán bộ, ...) tại: ${c.link}`,
        ],
        sms: `Mời Ông/Bà đánh giá chất lượng giải quyết hồ sơ tại: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: please rate our service`,
        lines: [
          `Thank you for using our services. Please rate how your dossier for "${d.procedureName}" was handled (time, staff attitude, ...) at: ${c.link}`,
        ],
        sms: `Please rate how your dossier was handled: ${c.link}`,
      }),
    }),
  },
} satisfies Record<Occasion, Variants>;

const GREETING = {
  citizen: { vi: (name: string) => `Kính gửi Ông/Bà ${name},`, en: (name: string) => `Dear ${name},` },
  staff: { vi: (name: string) => `Kính gửi ${name},`, en: (name: string) => `Dear ${name},` },
} as const;

const TRACKING = { vi: 'Tra cứu hồ sơ', en: 'Track your dossier' } as const;

const FOOTER = {
  vi: 'Thư này được gửi tự động từ hệ thống Một cửa điện tử; vui lòng không trả lời.',
  en: 'This message was sent automatically by the one-stop system; please do not reply.',
} as const;

export function trackingUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/tra-cuu/${encodeURIComponent(code)}`;
}

function variant(
  occasion: Occasion,
  audience: AudienceKind | undefined,
): [AudienceKind, Template<z.ZodObject>] {
  const kind = audience ?? OCCASION_INFO[occasion].audiences[0];
  const template = (TEMPLATES[occasion] as Variants)[kind];
  if (!template) throw new TemplateFieldError(occasion, 'audience', `has no ${kind} template`);
  return [kind, template];
}

/** Field names an occasion's template needs and may use, for callers that assemble the data. */
export function templateFields(
  occasion: Occasion,
  audience?: AudienceKind,
): { required: string[]; optional: string[] } {
  const shape = variant(occasion, audience)[1].schema.shape as Record<string, z.ZodType>;
  const keys = Object.keys(shape);
  const optional = keys.filter((k) => shape[k].safeParse(undefined).success);
  return { required: keys.filter((k) => !optional.includes(k)), optional };
}

export function renderNotification(
  occasion: Occasion,
  data: NotificationData,
  options: RenderOptions,
): RenderedNotification {
  if (!isOccasion(occasion)) throw new TemplateFieldError(String(occasion), 'occasion', 'is not an occasion');
  const [audience, template] = variant(occasion, options.audience);
  if (audience === 'citizen' && !options.publicBaseUrl) {
    throw new TemplateFieldError(occasion, 'publicBaseUrl', 'is required for the tracking link');
  }
  const parsed = template.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join('.') || '(data)';
    const value = issue.path.reduce<unknown>(
      (v, key) =>
        v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined,
      data,
    );
    const missing = value === undefined || value === null;
    throw new TemplateFieldError(occasion, field, missing ? 'is missing' : `is invalid: ${issue.message}`);
  }
  const d = parsed.data as Record<string, unknown> & { code: string };
  const link = audience === 'citizen' ? trackingUrl(options.publicBaseUrl ?? '', d.code) : '';
  const body = template[options.lang](d, { link });
  const name = String(audience === 'citizen' ? d.applicantName : d.recipientName);
  const lines = [GREETING[audience][options.lang](name), '', ...body.lines];
  if (audience === 'citizen') lines.push('', `${TRACKING[options.lang]}: ${link}`);
  lines.push('', FOOTER[options.lang]);
  return { subject: body.subject, text: lines.join('\n'), sms: fitSms(occasion, body.sms) };
}
