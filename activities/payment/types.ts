import type { FeeDemand, PaymentTransaction } from '../../platform/payment/client';

/** What a dossier waiting for an online payment asks of the national payment platform; types only for workflows. */
export interface PaymentActivities {
  /** `INIT` for the dossier's fee demand: the same demand always gets the same transaction. */
  openPaymentTransaction(demand: FeeDemand): Promise<PaymentTransaction>;
  /** `QUERY`: whether the citizen has paid, for when no callback came. */
  checkPaymentTransaction(transactionId: string): Promise<{ paid: boolean }>;
}
