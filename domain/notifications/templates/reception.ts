/** Reception: the receipt, an online submission's acceptance or its return for completion, a refusal. */
import { z } from 'zod';
import {
  formatAppointmentEn,
  formatAppointmentVi,
  formatDateTimeEn,
  formatDateTimeShort,
  formatDateTimeVi,
} from '../format';
import type { Occasion } from '../occasions';
import {
  appointment,
  citizen,
  define,
  documentRequest,
  instant,
  numbered,
  text,
  type Links,
  type Variants,
} from './define';

/** The access code, in the receipt message only (the notify activity passes it once). */
const accessCodeVi = (c: Links): string[] =>
  c.accessCode ? [`Mã truy cập (để bổ sung, đánh giá hồ sơ qua mạng; xin giữ kín): ${c.accessCode}`] : [];
const accessCodeEn = (c: Links): string[] =>
  c.accessCode ? [`Access code (to supplement or rate online; keep it private): ${c.accessCode}`] : [];
const smsCode = (c: Links): string => (c.accessCode ? ` Ma truy cap: ${c.accessCode}.` : '');

/** What a receipt tells: when the dossier was received and when to come back for the result. */
const receipt = z.object({
  ...citizen,
  procedureName: text,
  receivedAt: instant,
  dueAt: instant,
  ...appointment,
});

export const RECEPTION_TEMPLATES = {
  // Decree 118 Art. 17(1)(c), 17(3): the receipt starts the clock and carries the code.
  received: {
    citizen: define({
      schema: receipt,
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: đã được tiếp nhận`,
        lines: [
          `Bộ phận Một cửa đã tiếp nhận đầy đủ, hợp lệ hồ sơ "${d.procedureName}" của Ông/Bà.`,
          `Mã số hồ sơ: ${d.code}`,
          ...accessCodeVi(c),
          `Thời gian nhận hồ sơ: ${formatDateTimeVi(d.receivedAt)}`,
          `Thời gian hẹn trả kết quả: ${formatAppointmentVi(d)}`,
          'Ông/Bà vui lòng giữ Giấy tiếp nhận hồ sơ và hẹn trả kết quả để nhận kết quả.',
        ],
        sms: `Hồ sơ đã tiếp nhận, hẹn trả ${formatDateTimeShort(d.dueAt)}.${smsCode(c)} Tra cứu: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: received`,
        lines: [
          `Your dossier for "${d.procedureName}" has been received as complete and valid.`,
          `Dossier code: ${d.code}`,
          ...accessCodeEn(c),
          `Received at: ${formatDateTimeEn(d.receivedAt)}`,
          `Result due: ${formatAppointmentEn(d)}`,
          'Please keep the receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) to collect the result.',
        ],
        sms: `Your dossier was received; result due ${formatDateTimeShort(d.dueAt)}.${smsCode(c)} Track: ${c.link}`,
      }),
    }),
  },

  // Decree 118 Art. 17(2)(c): online submissions are accepted, or sent back, within 8 working hours.
  submission_accepted: {
    citizen: define({
      schema: receipt,
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: hồ sơ nộp trực tuyến đã được tiếp nhận`,
        lines: [
          `Hồ sơ "${d.procedureName}" Ông/Bà nộp trực tuyến đã được kiểm tra và chính thức tiếp nhận.`,
          `Mã số hồ sơ: ${d.code}`,
          ...accessCodeVi(c),
          `Thời gian tiếp nhận: ${formatDateTimeVi(d.receivedAt)}`,
          `Thời gian hẹn trả kết quả: ${formatAppointmentVi(d)}`,
        ],
        sms: `Hồ sơ trực tuyến đã tiếp nhận, hẹn trả ${formatDateTimeShort(d.dueAt)}. Xem: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: online submission accepted`,
        lines: [
          `Your online submission for "${d.procedureName}" has been checked and officially accepted.`,
          `Dossier code: ${d.code}`,
          ...accessCodeEn(c),
          `Accepted at: ${formatDateTimeEn(d.receivedAt)}`,
          `Result due: ${formatAppointmentEn(d)}`,
        ],
        sms: `Your online dossier was accepted; result due ${formatDateTimeShort(d.dueAt)}. Track: ${c.link}`,
      }),
    }),
  },

  // Decree 118 Art. 16(3), 17(2)(c): everything missing is listed in one go, before acceptance.
  completion_requested: {
    citizen: define({
      schema: z.object({ ...documentRequest, closeBy: instant.optional() }),
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
} satisfies Partial<Record<Occasion, Variants>>;
