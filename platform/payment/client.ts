import {
  PAYMENT_INIT_FIELDS,
  PAYMENT_INIT_REPLY_FIELDS,
  PAYMENT_QUERY_FIELDS,
  PAYMENT_QUERY_REPLY_FIELDS,
  PAYMENT_SUCCEEDED,
  TRANSACTION_PAID,
  signedValues,
} from '../../domain/portal/payment';
import { checksumMatches, paymentChecksum } from './checksum';

export interface PaymentPlatformConnection {
  /** The address MotCua posts `INIT` and `QUERY` to. */
  url: string;
  /** MotCua's partner code on the platform (`MaDoiTac`). */
  partnerCode: string;
  /** The partner secret both sides sign with. */
  secret: string;
  timeoutMs: number;
}

/** The platform could not be reached, refused the message, or answered with a checksum that does not match. */
export class PaymentPlatformError extends Error {
  override name = 'PaymentPlatformError';
}

export interface PaymentTransaction {
  transactionId: string;
  paymentUrl: string;
}

/** A dossier's fee demand as the platform is told of it; `reference` names the demand. */
export interface FeeDemand {
  reference: string;
  dossierCode: string;
  amountVnd: number;
  description: string;
}

export interface PaymentPlatformClient {
  /** `INIT`: the transaction of one fee demand; the platform answers the same one for the same reference. */
  init(demand: FeeDemand): Promise<PaymentTransaction>;
  /** `QUERY`: whether the transaction is paid. */
  query(transactionId: string): Promise<{ paid: boolean }>;
}

export function createPaymentPlatformClient(connection: PaymentPlatformConnection): PaymentPlatformClient {
  const exchange = async <R extends readonly string[]>(
    message: Record<string, string>,
    values: string[],
    replyFields: R,
  ): Promise<Record<R[number], string>> => {
    let res: Response;
    try {
      res = await fetch(connection.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ ...message, MaXacThuc: paymentChecksum(values, connection.secret) }),
        signal: AbortSignal.timeout(connection.timeoutMs),
      });
    } catch (err) {
      throw new PaymentPlatformError(`payment platform unreachable at ${connection.url}: ${String(err)}`);
    }
    if (!res.ok) throw new PaymentPlatformError(`payment platform answered HTTP ${res.status}`);
    const reply = (await res.json()) as Partial<Record<string, string>>;
    if (reply.MaLoi !== PAYMENT_SUCCEEDED) {
      throw new PaymentPlatformError(`payment platform refused ${message.LoaiBanTin}: MaLoi ${reply.MaLoi}`);
    }
    // A reply that does not carry the partner secret's checksum did not come from the platform.
    const signed = replyFields.map((f: R[number]) => reply[f] ?? '');
    if (!checksumMatches(signed, connection.secret, reply.MaXacThuc ?? '')) {
      throw new PaymentPlatformError(`payment platform's ${message.LoaiBanTin} reply has a bad checksum`);
    }
    return reply as Record<R[number], string>;
  };

  return {
    async init({ reference, dossierCode, amountVnd, description }) {
      const message = {
        LoaiBanTin: 'INIT',
        MaDoiTac: connection.partnerCode,
        MaThamChieu: reference,
        MaHoSo: dossierCode,
        SoTien: String(amountVnd),
        NoiDung: description,
      };
      const reply = await exchange(
        message,
        signedValues(PAYMENT_INIT_FIELDS, message),
        PAYMENT_INIT_REPLY_FIELDS,
      );
      return { transactionId: reply.MaGiaoDich, paymentUrl: reply.UrlThanhToan };
    },
    async query(transactionId) {
      const message = { LoaiBanTin: 'QUERY', MaDoiTac: connection.partnerCode, MaGiaoDich: transactionId };
      const reply = await exchange(
        message,
        signedValues(PAYMENT_QUERY_FIELDS, message),
        PAYMENT_QUERY_REPLY_FIELDS,
      );
      return { paid: reply.TrangThai === TRANSACTION_PAID };
    },
  };
}
