import { parseDateKey, vietnamDateKey } from './calendar/time';
import { DomainError } from './errors';

/**
 * Dossier codes (mã số hồ sơ), Decree 118/2025 Art. 28 in the layout of TT 01/2018/TT-VPCP Art. 19:
 * `${agencyIdentifier}-${yyMMdd}-${seq4}`, e.g. `000.00.01.H56-251118-0001`: the receiving agency's
 * national electronic identifier, the day of receipt in Vietnam, and the agency's sequence of that day.
 */

/** Agency identifier per QCVN 102:2016 (TT 10/2016/TT-BTTTT), shape `V1V2V3.Z1Z2.Y1Y2.MX1X2`. */
const IDENTIFIER = String.raw`[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}`;
const DAY = String.raw`\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`;
const SEQUENCE = String.raw`(?!0000)\d{4}`;

export const AGENCY_IDENTIFIER_PATTERN = new RegExp(`^${IDENTIFIER}$`);
/** For the `:code` path parameter and the OpenAPI `pattern`: the shape, with plausible month and day. */
export const DOSSIER_CODE_PATTERN = new RegExp(`^(${IDENTIFIER})-(${DAY})-(${SEQUENCE})$`);

export const MAX_DAILY_SEQUENCE = 9999;

export interface DossierCodeParts {
  agencyIdentifier: string;
  /** 'yyMMdd', the day of receipt in Asia/Ho_Chi_Minh */
  day: string;
  sequence: number;
}

/** An agency received more than 9999 dossiers in one day: the code has no room for the next. */
export class DailySequenceExhaustedError extends DomainError<'DAILY_SEQUENCE_EXHAUSTED'> {
  constructor(
    readonly agencyIdentifier: string,
    readonly day: string,
  ) {
    super(
      'DAILY_SEQUENCE_EXHAUSTED',
      `agency ${agencyIdentifier} has used all ${MAX_DAILY_SEQUENCE} dossier codes of day ${day}`,
    );
  }
}

/** The 'yyMMdd' day of a moment in Asia/Ho_Chi_Minh (a fixed UTC+7, whatever the server's time zone). */
export function dossierCodeDay(at: Date): string {
  return vietnamDateKey(at).slice(2).replace(/-/g, '');
}

export function formatDossierCode({ agencyIdentifier, day, sequence }: DossierCodeParts): string {
  if (!AGENCY_IDENTIFIER_PATTERN.test(agencyIdentifier)) {
    throw new RangeError(`not a national agency identifier: ${agencyIdentifier}`);
  }
  if (!isCalendarDay(day)) throw new RangeError(`not a yyMMdd day: ${day}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`not a daily sequence: ${sequence}`);
  if (sequence > MAX_DAILY_SEQUENCE) throw new DailySequenceExhaustedError(agencyIdentifier, day);
  return `${agencyIdentifier}-${day}-${String(sequence).padStart(4, '0')}`;
}

/** The parts of a well-formed code whose day exists, else undefined. */
export function parseDossierCode(code: string): DossierCodeParts | undefined {
  const match = DOSSIER_CODE_PATTERN.exec(code);
  if (!match || !isCalendarDay(match[2])) return undefined;
  return { agencyIdentifier: match[1], day: match[2], sequence: Number(match[3]) };
}

export function isDossierCode(code: string): boolean {
  return parseDossierCode(code) !== undefined;
}

/** yyMMdd of a real date in 2000–2099 (the pattern alone lets 31 February through). */
function isCalendarDay(day: string): boolean {
  return (
    /^\d{6}$/.test(day) &&
    !Number.isNaN(parseDateKey(`20${day.slice(0, 2)}-${day.slice(2, 4)}-${day.slice(4)}`))
  );
}
