/** A late dossier: the apology and the one new date (Decree 118 Art. 19(6)). */
import { z } from 'zod';
import { formatDateTimeEn, formatDateTimeShort, formatDateTimeVi } from '../format';
import type { Occasion } from '../occasions';
import { text, instant, citizen, define, type Variants } from './define';

export const DELAY_TEMPLATES = {
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

  // The yearly holiday notice came out after the receipt and moved the working days the limit counts.
  due_date_moved: {
    citizen: define({
      schema: z.object({
        ...citizen,
        procedureName: text,
        /** The appointment before the notice. */
        previousDueAt: instant,
        dueAt: instant,
      }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: thay đổi ngày hẹn trả kết quả theo lịch nghỉ lễ, Tết`,
        lines: [
          `Thông báo lịch nghỉ lễ, Tết mới được công bố làm thay đổi số ngày làm việc để giải quyết hồ sơ "${d.procedureName}" của Ông/Bà.`,
          `Ngày hẹn trả kết quả cũ: ${formatDateTimeVi(d.previousDueAt)}.`,
          `Ngày hẹn trả kết quả mới: ${formatDateTimeVi(d.dueAt)}.`,
        ],
        sms: `Hồ sơ đổi hẹn trả ${formatDateTimeShort(d.dueAt)} theo lịch nghỉ lễ. Xem: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: new result date after the holiday notice`,
        lines: [
          `The newly published holiday notice changes the working days counted for your dossier for "${d.procedureName}".`,
          `Previous result date: ${formatDateTimeEn(d.previousDueAt)}.`,
          `New result date: ${formatDateTimeEn(d.dueAt)}.`,
        ],
        sms: `New result date ${formatDateTimeShort(d.dueAt)} after the holiday notice. Details: ${c.link}`,
      }),
    }),
  },

  // The procedure's law gives a longer limit when the agency must verify (judicial record: 15 days).
  verification_required: {
    citizen: define({
      schema: z.object({
        ...citizen,
        procedureName: text,
        reason: text,
        /** The article that gives the longer limit. */
        basis: text,
        previousDueAt: instant,
        dueAt: instant,
      }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: cần xác minh, thay đổi ngày hẹn trả kết quả`,
        lines: [
          `Hồ sơ "${d.procedureName}" của Ông/Bà cần được xác minh thông tin. Lý do: ${d.reason}`,
          `Theo ${d.basis}, thời hạn giải quyết trong trường hợp này dài hơn.`,
          `Ngày hẹn trả kết quả cũ: ${formatDateTimeVi(d.previousDueAt)}.`,
          `Ngày hẹn trả kết quả mới: ${formatDateTimeVi(d.dueAt)}.`,
        ],
        sms: `Hồ sơ cần xác minh, hẹn trả kết quả ${formatDateTimeShort(d.dueAt)}. Xem: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: verification needed, new result date`,
        lines: [
          `Your dossier for "${d.procedureName}" needs verification. Reason: ${d.reason}`,
          `Under ${d.basis}, the time limit in this case is longer.`,
          `Previous result date: ${formatDateTimeEn(d.previousDueAt)}.`,
          `New result date: ${formatDateTimeEn(d.dueAt)}.`,
        ],
        sms: `Dossier ${d.code} needs verification; new result date ${formatDateTimeShort(d.dueAt)}. Details: ${c.link}`,
      }),
    }),
  },
} satisfies Partial<Record<Occasion, Variants>>;
