/** A feedback case (phản ánh, kiến nghị): what the citizen is told at each step, and the staff's alerts. */
import { z } from 'zod';
import { formatDateTimeEn, formatDateTimeShort, formatDateTimeVi } from '../format';
import type { Occasion } from '../occasions';
import { citizen, define, instant, staff, text, type Variants } from './define';

/** The limits of rules N2, as staff read them. */
const LIMIT = z.enum(['reject', 'supplement', 'handling', 'publish']);
const LIMIT_VI = {
  reject: 'từ chối hoặc chuyển xử lý',
  supplement: 'đề nghị bổ sung thông tin',
  handling: 'xử lý, trả lời',
  publish: 'công khai kết quả',
} as const;
const LIMIT_EN = {
  reject: 'reject or route',
  supplement: 'ask for more information',
  handling: 'answer',
  publish: 'publish the answer',
} as const;
const alert = z.object({ ...staff, limit: LIMIT, dueBy: instant });

export const FEEDBACK_TEMPLATES = {
  feedback_received: {
    citizen: define({
      schema: z.object({ ...citizen, receivedAt: instant, dueAt: instant }),
      vi: (d, c) => ({
        subject: `Phản ánh, kiến nghị ${d.code}: đã tiếp nhận`,
        lines: [
          `Phản ánh, kiến nghị của Ông/Bà đã được tiếp nhận lúc ${formatDateTimeVi(d.receivedAt)}, mã số ${d.code}.`,
          `Thời hạn xử lý: ${formatDateTimeVi(d.dueAt)}.`,
          'Ông/Bà dùng mã số và mã tra cứu để theo dõi kết quả xử lý.',
        ],
        sms: `${d.code} đã tiếp nhận, hạn ${formatDateTimeShort(d.dueAt)}. ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Feedback ${d.code}: received`,
        lines: [
          `Your feedback was received at ${formatDateTimeEn(d.receivedAt)} under code ${d.code}.`,
          `It is to be answered by ${formatDateTimeEn(d.dueAt)}.`,
          'Use the code and your access code to follow it.',
        ],
        sms: `Feedback ${d.code} received, answer due ${formatDateTimeShort(d.dueAt)}. ${c.link}`,
      }),
    }),
  },
  feedback_rejected: {
    citizen: define({
      schema: z.object({ ...citizen, reason: text }),
      vi: (d, c) => ({
        subject: `Phản ánh, kiến nghị ${d.code}: không được tiếp nhận xử lý`,
        lines: [`Phản ánh, kiến nghị ${d.code} của Ông/Bà không được tiếp nhận xử lý.`, `Lý do: ${d.reason}`],
        sms: `${d.code} không được tiếp nhận xử lý. ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Feedback ${d.code}: not taken up`,
        lines: [`Your feedback ${d.code} is not taken up.`, `Reason: ${d.reason}`],
        sms: `Feedback ${d.code} not taken up. Details: ${c.link}`,
      }),
    }),
  },
  feedback_supplement_requested: {
    citizen: define({
      schema: z.object({ ...citizen, reason: text, closeBy: instant }),
      vi: (d, c) => ({
        subject: `Phản ánh, kiến nghị ${d.code}: đề nghị bổ sung thông tin`,
        lines: [
          `Để xử lý phản ánh, kiến nghị ${d.code}, đề nghị Ông/Bà bổ sung thông tin: ${d.reason}`,
          `Ông/Bà vui lòng bổ sung trước ${formatDateTimeVi(d.closeBy)}; quá thời hạn này phản ánh sẽ được đóng.`,
        ],
        sms: `${d.code} cần bổ sung trước ${formatDateTimeShort(d.closeBy)}. ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Feedback ${d.code}: more information needed`,
        lines: [
          `To handle your feedback ${d.code}, please add: ${d.reason}`,
          `Please do so before ${formatDateTimeEn(d.closeBy)}; after that the case is closed.`,
        ],
        sms: `Feedback ${d.code} needs more information by ${formatDateTimeShort(d.closeBy)}. ${c.link}`,
      }),
    }),
  },
  feedback_supplement_received: {
    staff: define({
      schema: z.object({ ...staff, dueAt: instant }),
      vi: (d) => ({
        subject: `Phản ánh, kiến nghị ${d.code}: công dân đã bổ sung thông tin`,
        lines: [
          `Công dân đã bổ sung thông tin cho phản ánh, kiến nghị ${d.code}.`,
          `Thời hạn xử lý mới: ${formatDateTimeVi(d.dueAt)}.`,
        ],
        sms: `PAKN ${d.code} đã được bổ sung, hạn xử lý ${formatDateTimeShort(d.dueAt)}.`,
      }),
      en: (d) => ({
        subject: `Feedback ${d.code}: the citizen added information`,
        lines: [
          `The citizen added information to feedback ${d.code}.`,
          `New due date: ${formatDateTimeEn(d.dueAt)}.`,
        ],
        sms: `Feedback ${d.code} supplemented, due ${formatDateTimeShort(d.dueAt)}.`,
      }),
    }),
  },
  feedback_assigned: {
    staff: define({
      schema: z.object({ ...staff, dueAt: instant }),
      vi: (d) => ({
        subject: `Phản ánh, kiến nghị ${d.code}: cần xử lý`,
        lines: [
          `Phản ánh, kiến nghị ${d.code} đang chờ đơn vị xử lý.`,
          `Thời hạn xử lý: ${formatDateTimeVi(d.dueAt)}.`,
        ],
        sms: `PAKN ${d.code} chờ xử lý, hạn ${formatDateTimeShort(d.dueAt)}.`,
      }),
      en: (d) => ({
        subject: `Feedback ${d.code}: to be handled`,
        lines: [`Feedback ${d.code} waits for your unit.`, `Due: ${formatDateTimeEn(d.dueAt)}.`],
        sms: `Feedback ${d.code} to handle, due ${formatDateTimeShort(d.dueAt)}.`,
      }),
    }),
  },
  feedback_answered: {
    citizen: define({
      schema: z.object({ ...citizen, answer: text }),
      vi: (d, c) => ({
        subject: `Phản ánh, kiến nghị ${d.code}: đã có kết quả xử lý`,
        lines: [
          `Phản ánh, kiến nghị ${d.code} của Ông/Bà đã có kết quả xử lý:`,
          d.answer,
          'Ông/Bà vui lòng cho biết mức độ hài lòng với kết quả xử lý tại trang theo dõi.',
        ],
        sms: `${d.code} đã có kết quả xử lý: ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Feedback ${d.code}: answered`,
        lines: [
          `Your feedback ${d.code} has been answered:`,
          d.answer,
          'Please tell us whether it satisfies you.',
        ],
        sms: `Feedback ${d.code} answered. Read and rate: ${c.link}`,
      }),
    }),
  },
  feedback_published: {
    citizen: define({
      schema: z.object(citizen),
      vi: (d, c) => ({
        subject: `Phản ánh, kiến nghị ${d.code}: kết quả đã được công khai`,
        lines: [
          `Kết quả xử lý phản ánh, kiến nghị ${d.code} đã được công khai, không kèm thông tin cá nhân.`,
        ],
        sms: `Kết quả ${d.code} đã công khai. ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Feedback ${d.code}: answer published`,
        lines: [`The answer to feedback ${d.code} is published, without personal data.`],
        sms: `The answer to feedback ${d.code} is published. ${c.link}`,
      }),
    }),
  },
  feedback_closed: {
    citizen: define({
      schema: z.object(citizen),
      vi: (d, c) => ({
        subject: `Phản ánh, kiến nghị ${d.code}: đã đóng`,
        lines: [
          `Phản ánh, kiến nghị ${d.code} đã được đóng do không nhận được thông tin bổ sung trong thời hạn.`,
        ],
        sms: `${d.code} đã đóng do không bổ sung. ${c.link}`,
      }),
      en: (d, c) => ({
        subject: `Feedback ${d.code}: closed`,
        lines: [`Feedback ${d.code} is closed: the information asked for did not come in time.`],
        sms: `Feedback ${d.code} closed without the information asked for. ${c.link}`,
      }),
    }),
  },
  feedback_reminder: {
    staff: define({
      schema: alert,
      vi: (d) => ({
        subject: `Nhắc việc: phản ánh, kiến nghị ${d.code}, hạn ${LIMIT_VI[d.limit]}`,
        lines: [`Phản ánh, kiến nghị ${d.code}: hạn ${LIMIT_VI[d.limit]} là ${formatDateTimeVi(d.dueBy)}.`],
        sms: `Nhắc việc: PAKN ${d.code}, hạn ${LIMIT_VI[d.limit]} ${formatDateTimeShort(d.dueBy)}.`,
      }),
      en: (d) => ({
        subject: `Reminder: feedback ${d.code}, ${LIMIT_EN[d.limit]}`,
        lines: [`Feedback ${d.code}: ${LIMIT_EN[d.limit]} by ${formatDateTimeEn(d.dueBy)}.`],
        sms: `Reminder: feedback ${d.code}, ${LIMIT_EN[d.limit]} by ${formatDateTimeShort(d.dueBy)}.`,
      }),
    }),
  },
  feedback_escalation: {
    staff: define({
      schema: alert,
      vi: (d) => ({
        subject: `Quá hạn: phản ánh, kiến nghị ${d.code}, hạn ${LIMIT_VI[d.limit]}`,
        lines: [
          `Phản ánh, kiến nghị ${d.code} đã quá hạn ${LIMIT_VI[d.limit]} (${formatDateTimeVi(d.dueBy)}).`,
          'Đề nghị lãnh đạo đơn vị chỉ đạo xử lý ngay.',
        ],
        sms: `Quá hạn: PAKN ${d.code}, hạn ${LIMIT_VI[d.limit]} ${formatDateTimeShort(d.dueBy)}.`,
      }),
      en: (d) => ({
        subject: `Overdue: feedback ${d.code}, ${LIMIT_EN[d.limit]}`,
        lines: [
          `Feedback ${d.code} passed its limit to ${LIMIT_EN[d.limit]} (${formatDateTimeEn(d.dueBy)}).`,
          'The unit leader is asked to act at once.',
        ],
        sms: `Overdue: feedback ${d.code}, ${LIMIT_EN[d.limit]} was due ${formatDateTimeShort(d.dueBy)}.`,
      }),
    }),
  },
} satisfies Partial<Record<Occasion, Variants>>;
