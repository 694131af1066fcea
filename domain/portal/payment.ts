/**
 * The national payment platform's result callback as provincial clients receive it. The reference names
 * only `MaLoi` ("00" success) and `MaXacThuc` (a lowercase hex SHA-256 over the message's fields in a fixed
 * order joined with "|", the partner secret last); the other field names and their order are inferred.
 */
export const PAYMENT_CALLBACK_FIELDS = [
  'MaGiaoDich',
  'MaHoSo',
  'SoTien',
  'MaLoi',
  'ThoiGianThanhToan',
] as const;

export type PaymentCallback = Record<(typeof PAYMENT_CALLBACK_FIELDS)[number], string> & {
  MaXacThuc: string;
};

export const PAYMENT_SUCCEEDED = '00';

/** The values the checksum covers, in the platform's order. */
export const callbackValues = (message: Omit<PaymentCallback, 'MaXacThuc'>): string[] =>
  PAYMENT_CALLBACK_FIELDS.map((field) => message[field]);
