/** The result: ready, early, returned, then the invitation to rate the service. */
import { z } from 'zod';
import { formatDateTimeEn, formatDateTimeShort, formatDateTimeVi } from '../format';
import type { Occasion } from '../occasions';
import { ReturnMethodSchema } from '../../vocabulary';
import { text, instant, citizen, staff, define, type Variants } from './define';

const RETURN_METHOD = {
  counter: { vi: 'nhận trực tiếp tại Bộ phận Một cửa', en: 'collected at the one-stop desk' },
  post: { vi: 'qua dịch vụ bưu chính', en: 'by post' },
  electronic: { vi: 'bản điện tử', en: 'electronically' },
} as const;

export const RESULT_TEMPLATES = {
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
        method: ReturnMethodSchema.optional(),
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
} satisfies Partial<Record<Occasion, Variants>>;
