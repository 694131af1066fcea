/** The one request for a supplement (Decree 118 Art. 19(5)), its answer, or its lapse. */
import { z } from 'zod';
import { formatDate, formatDateTimeEn, formatDateTimeShort, formatDateTimeVi } from '../format';
import type { Occasion } from '../occasions';
import { citizen, define, documentRequest, instant, numbered, staff, text, type Variants } from './define';

export const SUPPLEMENT_TEMPLATES = {
  // Decree 118 Art. 19(5): one request, reason and documents, closed after 15 days without answer.
  supplement_requested: {
    citizen: define({
      schema: z.object({ ...documentRequest, closeBy: instant }),
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
} satisfies Partial<Record<Occasion, Variants>>;
