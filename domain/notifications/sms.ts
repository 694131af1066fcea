/**
 * SMS length in segments as carriers bill them. Text that fits the GSM 03.38 alphabet is sent as
 * GSM-7 (160 characters, 153 per part when concatenated); anything else, such as Vietnamese with
 * diacritics, goes as UCS-2 (70 characters, 67 per part).
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENDED = '^{}\\[~]|€\f';

export interface SmsLength {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7 (extension characters count twice), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

export function smsLength(text: string): SmsLength {
  let septets = 0;
  for (const ch of text) {
    if (GSM7_BASIC.includes(ch)) septets += 1;
    else if (GSM7_EXTENDED.includes(ch)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

/** Vietnamese without diacritics, the way SMS brand names are often sent: đ has no decomposition. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

export const MAX_SMS_SEGMENTS = 2;

export class SmsTooLongError extends Error {
  constructor(
    readonly occasion: string,
    readonly length: SmsLength,
  ) {
    super(`SMS for ${occasion} needs ${length.segments} segments even without diacritics`);
    this.name = 'SmsTooLongError';
  }
}

/**
 * Keeps the diacritics when the text fits two segments, otherwise folds it to GSM-7, which holds more
 * than twice as many characters, rather than cutting a link or a date in half.
 */
export function fitSms(occasion: string, text: string): string {
  if (smsLength(text).segments <= MAX_SMS_SEGMENTS) return text;
  const folded = foldDiacritics(text);
  const length = smsLength(folded);
  if (length.segments > MAX_SMS_SEGMENTS) throw new SmsTooLongError(occasion, length);
  return folded;
}
