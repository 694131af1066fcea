/**
 * The national payment platform's messages as provincial clients exchange them. The reference names only
 * the messages (`INIT`, `QUERY`, the result callback), `MaLoi` ("00" success) and `MaXacThuc` (a lowercase
 * hex SHA-256 over the message's fields in a fixed order joined with "|", the partner secret last); the
 * other field names and their order are inferred, and kept here so that both sides sign the same values.
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

/** `INIT`: a transaction for one fee demand; `MaThamChieu` is MotCua's own reference of the demand. */
export const PAYMENT_INIT_FIELDS = [
  'LoaiBanTin',
  'MaDoiTac',
  'MaThamChieu',
  'MaHoSo',
  'SoTien',
  'NoiDung',
] as const;
export const PAYMENT_INIT_REPLY_FIELDS = ['MaLoi', 'MaGiaoDich', 'UrlThanhToan'] as const;

/** `QUERY`: where a transaction stands; `TrangThai` "1" once paid. */
export const PAYMENT_QUERY_FIELDS = ['LoaiBanTin', 'MaDoiTac', 'MaGiaoDich'] as const;
export const PAYMENT_QUERY_REPLY_FIELDS = [
  'MaLoi',
  'MaGiaoDich',
  'TrangThai',
  'SoTien',
  'ThoiGianThanhToan',
] as const;
export const TRANSACTION_PAID = '1';

type Fields<F extends readonly string[]> = Record<F[number], string>;
export type PaymentInit = Fields<typeof PAYMENT_INIT_FIELDS>;
export type PaymentInitReply = Fields<typeof PAYMENT_INIT_REPLY_FIELDS>;
export type PaymentQuery = Fields<typeof PAYMENT_QUERY_FIELDS>;
export type PaymentQueryReply = Fields<typeof PAYMENT_QUERY_REPLY_FIELDS>;
export type Signed<T> = T & { MaXacThuc: string };

/** The values a message's checksum covers, in the platform's order. */
export const signedValues = <F extends readonly string[]>(fields: F, message: Fields<F>): string[] =>
  fields.map((field: F[number]) => message[field]);

export const callbackValues = (message: Omit<PaymentCallback, 'MaXacThuc'>): string[] =>
  signedValues(PAYMENT_CALLBACK_FIELDS, message);

/**
 * MotCua's reference of a fee demand: a dossier has at most one (rule I1), so the dossier code and the
 * moment it was asked name it, and an `INIT` sent again for it finds the same transaction.
 */
export const feeDemandReference = (dossierCode: string, requestedAt: string): string =>
  `${dossierCode}-${requestedAt.replace(/\D/g, '').slice(0, 14)}`;
