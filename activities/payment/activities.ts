import type { Config } from '../../platform/config/config';
import {
  createPaymentPlatformClient,
  type PaymentPlatformClient,
  type PaymentPlatformConnection,
} from '../../platform/payment/client';
import type { PaymentActivities } from './types';

/** The payment platform the settings point at; undefined when none is configured. */
export function paymentConnectionOf(config: Config): PaymentPlatformConnection | undefined {
  if (!config.MOTCUA_PAYMENT_URL) return undefined;
  // loadConfig refuses a payment URL without these.
  return {
    url: config.MOTCUA_PAYMENT_URL,
    partnerCode: config.MOTCUA_PAYMENT_PARTNER_CODE!,
    secret: config.MOTCUA_PAYMENT_SECRET!,
    timeoutMs: config.MOTCUA_PORTAL_TIMEOUT_MS,
  };
}

/** The payment activities of a deployment with a payment platform (or the simulator's); none without. */
export function paymentActivities(
  connection: PaymentPlatformConnection | undefined,
): Partial<PaymentActivities> {
  return connection ? createPaymentActivities(createPaymentPlatformClient(connection)) : {};
}

export function createPaymentActivities(client: PaymentPlatformClient): PaymentActivities {
  return {
    openPaymentTransaction: (demand) => client.init(demand),
    checkPaymentTransaction: (transactionId) => client.query(transactionId),
  };
}
