/**
 * Wording of dates and money as citizens read them. Vietnam has kept UTC+7 without daylight saving
 * since 1975, so a fixed offset is exact and needs no time-zone database in the workflow sandbox.
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function localParts(instant: string | Date): LocalParts {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${String(instant)}`);
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** "17 giờ 00 phút, ngày 23/11/2026": the wording of the receipt (Mẫu 01 items 4 and 5). */
export function formatDateTimeVi(instant: string | Date): string {
  const p = localParts(instant);
  return `${pad(p.hour)} giờ ${pad(p.minute)} phút, ngày ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

export function formatDateTimeEn(instant: string | Date): string {
  const p = localParts(instant);
  return `${pad(p.hour)}:${pad(p.minute)} on ${pad(p.day)}/${pad(p.month)}/${p.year} (UTC+7)`;
}

/** Compact form for SMS, where every character costs: "17h00 23/11/2026". */
export function formatDateTimeShort(instant: string | Date): string {
  const p = localParts(instant);
  return `${pad(p.hour)}h${pad(p.minute)} ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** "23/11/2026". */
export function formatDate(instant: string | Date): string {
  const p = localParts(instant);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** "ngày 23 tháng 11 năm 2026": the dateline of official letters. */
export function formatDatelineVi(instant: string | Date): string {
  const p = localParts(instant);
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
