import { createHash, timingSafeEqual } from 'node:crypto';

/** `MaXacThuc`: lowercase hex SHA-256 of the values joined with "|", the partner secret last. */
export function paymentChecksum(values: readonly string[], secret: string): string {
  return createHash('sha256')
    .update([...values, secret].join('|'), 'utf8')
    .digest('hex');
}

/** Compared in constant time, so that a forger learns nothing from how long a refusal takes. */
export function checksumMatches(values: readonly string[], secret: string, given: string): boolean {
  const expected = Buffer.from(paymentChecksum(values, secret), 'utf8');
  const actual = Buffer.from(given.toLowerCase(), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
