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

/** A due moment and, for day limits, the desk session the citizen is asked to come in. */
export interface Appointment {
  dueAt: string;
  appointmentFrom?: string;
  appointmentTo?: string;
}

/** The return appointment when there is one, else the due moment: "từ 13 giờ 30 phút đến 17 giờ 00 phút, ngày …". */
export function formatAppointmentVi(d: Appointment): string {
  if (!d.appointmentFrom || !d.appointmentTo) return formatDateTimeVi(d.dueAt);
  const from = vietnamClock(d.appointmentFrom);
  return `từ ${pad(from.hour)} giờ ${pad(from.minute)} phút đến ${formatDateTimeVi(d.appointmentTo)}`;
}

/** As short as a form's line needs: "13h30 - 17h00 11/12/2026", or the due moment "17h00 11/12/2026". */
export function formatAppointmentShort(d: Appointment): string {
  if (!d.appointmentFrom || !d.appointmentTo) return formatDateTimeShort(d.dueAt);
  const from = vietnamClock(d.appointmentFrom);
  return `${pad(from.hour)}h${pad(from.minute)} - ${formatDateTimeShort(d.appointmentTo)}`;
}

export function formatAppointmentEn(d: Appointment): string {
  if (!d.appointmentFrom || !d.appointmentTo) return formatDateTimeEn(d.dueAt);
  const from = vietnamClock(d.appointmentFrom);
  return `${pad(from.hour)}:${pad(from.minute)}–${formatDateTimeEn(d.appointmentTo)}`;
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
