/** Wording of dates and money as citizens read them, on the Vietnam clock of domain/calendar/time. */
import { vietnamClock } from '../calendar/time';

const pad = (n: number): string => String(n).padStart(2, '0');

/** "17 giờ 00 phút, ngày 23/11/2026": the wording of the receipt (Mẫu 01 items 4 and 5). */
export function formatDateTimeVi(instant: string | Date): string {
  const p = vietnamClock(instant);
  return `${pad(p.hour)} giờ ${pad(p.minute)} phút, ngày ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

export function formatDateTimeEn(instant: string | Date): string {
  const p = vietnamClock(instant);
  return `${pad(p.hour)}:${pad(p.minute)} on ${pad(p.day)}/${pad(p.month)}/${p.year} (UTC+7)`;
}

/** Compact form for SMS, where every character costs: "17h00 23/11/2026". */
export function formatDateTimeShort(instant: string | Date): string {
  const p = vietnamClock(instant);
  return `${pad(p.hour)}h${pad(p.minute)} ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** "23/11/2026". */
export function formatDate(instant: string | Date): string {
  const p = vietnamClock(instant);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** "ngày 23 tháng 11 năm 2026": the dateline of official letters. */
export function formatDatelineVi(instant: string | Date): string {
  const p = vietnamClock(instant);
  return `ngày ${pad(p.day)} tháng ${pad(p.month)} năm ${p.year}`;
}

function groupThousands(amount: number, separator: string): string {
  return String(Math.round(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** "1.500.000 đồng". */
export function formatAmountVi(amount: number): string {
  return `${groupThousands(amount, '.')} đồng`;
}

/** "VND 1,500,000". */
export function formatAmountEn(amount: number): string {
  return `VND ${groupThousands(amount, ',')}`;
}
