/** Staff alerts: what the desk and the agencies must do before a deadline passes, or after. */
import { z } from 'zod';
import {
  formatAmountEn,
  formatAmountVi,
  formatDate,
  formatDateTimeEn,
  formatDateTimeShort,
  formatDateTimeVi,
} from '../format';
import type { Occasion } from '../occasions';
import { text, instant, workingDays, staff, define, type Variants } from './define';

const dueInVi = (n: number | undefined): string =>
  n === undefined ? 'sắp đến hạn' : n === 0 ? 'đến hạn hôm nay' : `còn ${n} ngày làm việc`;
const dueInEn = (n: number | undefined): string =>
  n === undefined
    ? 'is nearly due'
    : n === 0
      ? 'is due today'
      : `is due in ${n} working day${n === 1 ? '' : 's'}`;

export const STAFF_ALERT_TEMPLATES = {
  // Decree 118 Art. 24(3): a fee paid online goes to the state budget within 8 working hours.
  fee_remittance_due: {
    staff: define({
      schema: z.object({ ...staff, paidAt: instant, amountVnd: z.number(), remitBy: instant }),
      vi: (d) => ({
        subject: `Hồ sơ ${d.code}: nộp phí, lệ phí đã thu trực tuyến vào ngân sách`,
        lines: [
          `Hồ sơ ${d.code} đã được thanh toán trực tuyến ${formatAmountVi(d.amountVnd)} lúc ${formatDateTimeVi(d.paidAt)}.`,
          `Hạn nộp vào ngân sách nhà nước: ${formatDateTimeVi(d.remitBy)} (trong 08 giờ làm việc, Điều 24 khoản 3 Nghị định 118/2025/NĐ-CP).`,
        ],
        sms: `HS ${d.code}: nộp lệ phí thu trực tuyến vào ngân sách, hạn ${formatDateTimeShort(d.remitBy)}.`,
      }),
      en: (d) => ({
        subject: `Dossier ${d.code}: remit the fee collected online`,
        lines: [
          `Dossier ${d.code} was paid online (${formatAmountEn(d.amountVnd)}) at ${formatDateTimeEn(d.paidAt)}.`,
          `It must reach the state budget by ${formatDateTimeEn(d.remitBy)} (8 working hours, Decree 118/2025 Art. 24(3)).`,
        ],
        sms: `Dossier ${d.code}: remit the online fee by ${formatDateTimeShort(d.remitBy)}.`,
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
} satisfies Partial<Record<Occasion, Variants>>;
