/** While the agencies handle the dossier: hand-overs, fees, a withdrawal. */
import { z } from 'zod';
import {
  formatAmountEn,
  formatAmountVi,
  formatDateTimeEn,
  formatDateTimeShort,
  formatDateTimeVi,
} from '../format';
import type { Occasion } from '../occasions';
import { text, instant, citizen, staff, define, type Variants } from './define';

export const PROCESSING_TEMPLATES = {
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

  // Decree 118 Art. 24(1): the national payment platform's page for this dossier's fees.
  payment_link: {
    citizen: define({
      schema: z.object({ ...citizen, amountVnd: z.number().positive(), paymentUrl: z.url() }),
      vi: (d, c) => ({
        subject: `Hồ sơ ${d.code}: thanh toán trực tuyến phí, lệ phí`,
        lines: [
          `Ông/Bà có thể thanh toán ${formatAmountVi(d.amountVnd)} trực tuyến qua Nền tảng thanh toán của Cổng Dịch vụ công quốc gia tại: ${d.paymentUrl}`,
          'Hồ sơ được tiếp tục giải quyết ngay khi việc thanh toán được xác nhận.',
        ],
        sms: `Hồ sơ đã có thể thanh toán phí, lệ phí trực tuyến. Chi tiết: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Dossier ${d.code}: pay the fees online`,
        lines: [
          `You can pay ${formatAmountEn(d.amountVnd)} online through the National Public Service Portal's payment platform: ${d.paymentUrl}`,
          'Handling resumes as soon as the payment is confirmed.',
        ],
        sms: `Your dossier fees can now be paid online. Details: ${c.link}`,
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
} satisfies Partial<Record<Occasion, Variants>>;
