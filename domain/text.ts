import { z } from 'zod';

// With the u flag a paired surrogate is one code point, so only lone surrogates fall in \ud800-\udfff.
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f\ud800-\udfff]/u;
const LINE_BREAKS_AND_TABS = /[\t\n\r]/;

/**
 * A string that holds no control character (PostgreSQL refuses NUL, and none belongs in a dossier) and
 * no lone surrogate; tab and line breaks only where several lines make sense.
 */
export const printable = (multiline = false) =>
  z.string().refine((s) => !CONTROL_CHARACTERS.test(s) && (multiline || !LINE_BREAKS_AND_TABS.test(s)), {
    error: multiline
      ? 'holds a control character or a lone surrogate'
      : 'holds a control character, a line break, a tab or a lone surrogate',
  });

interface TextOptions {
  /** Tab and line breaks allowed (reasons, notes, comments, addresses). */
  multiline?: boolean;
  /** The empty string allowed. */
  optional?: boolean;
}

/**
 * Every free text a request carries: printable, trimmed, and Vietnamese in NFC, so that a name typed with
 * combining marks (NFD, as some keyboards send it) is the same string as the precomposed one.
 */
export const text = (max: number, { multiline = false, optional = false }: TextOptions = {}) =>
  printable(multiline)
    .normalize('NFC')
    .trim()
    .min(optional ? 0 : 1)
    .max(max);

export const optionalText = (max: number, options: Omit<TextOptions, 'optional'> = {}) =>
  text(max, { ...options, optional: true }).optional();
