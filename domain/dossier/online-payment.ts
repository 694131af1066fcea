/**
 * A fee demand paid through the national payment platform (rule I1): the transaction opened for it is kept
 * with the demand, and the citizen is sent the page to pay on.
 */
import { clone, iso, type Outcome, type RuleContext } from './context';
import { citizen } from './notices';
import type { DossierState } from './types';

/** The fee demand still waiting for an online payment, if the dossier has one. */
export function unpaidDemand(state: DossierState): DossierState['payment'] {
  return state.status === 'awaiting_payment' && state.payment && !state.payment.paidAt
    ? state.payment
    : undefined;
}

/** The dossier with the transaction opened for its unpaid demand, or undefined when there is none to open. */
export function openPaymentTransaction(
  state: DossierState,
  transaction: { transactionId: string; paymentUrl: string },
  ctx: RuleContext,
): Outcome | undefined {
  const demand = unpaidDemand(state);
  if (!demand || demand.transaction) return undefined;
  const d = clone(state);
  d.payment!.transaction = {
    id: transaction.transactionId,
    paymentUrl: transaction.paymentUrl,
    openedAt: iso(ctx.now),
  };
  d.version += 1;
  const link = citizen(d, ctx, 'payment_link', 'payment', {
    amountVnd: demand.amountVnd,
    paymentUrl: transaction.paymentUrl,
  });
  return { state: d, notifications: [link] };
}
