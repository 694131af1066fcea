import { condition, log, proxyActivities } from '@temporalio/workflow';
import type { PaymentActivities } from '../activities/payment/types';
import type { Outcome, RuleContext } from '../domain/dossier/context';
import { openPaymentTransaction, unpaidDemand } from '../domain/dossier/online-payment';
import type { DossierWorkflowInput } from '../domain/dossier/start';
import type { DossierState } from '../domain/dossier/types';
import { feeDemandReference } from '../domain/portal/payment';

// Retried while the platform is down: the citizen can pay at the desk meanwhile, and nothing else waits.
const { openPaymentTransaction: initPayment, checkPaymentTransaction } = proxyActivities<PaymentActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
/** A dossier can wait weeks to be paid; its history stays short if the queries space out to this. */
const LONGEST_QUERY_INTERVAL_MS = 6 * 3_600_000;

interface Dossier {
  state: () => DossierState;
  context: () => RuleContext;
  apply: (outcome: Outcome) => Promise<void>;
  /** The platform's word that the transaction is paid, through the same door as its callback. */
  confirm: (transactionId: string) => Promise<void>;
}

/**
 * Online payment inside the dossier's own workflow (rule I1): a fee demand gets its transaction, and a
 * durable timer asks the platform whether it is paid until the callback or a clerk confirms it. Inside,
 * not in a workflow of its own, so that the dossier's state alone decides: whichever of the callback and
 * the query lands first confirms, the other finds the dossier no longer waiting, and the timer stops the
 * moment the dossier moves on. Undefined when the deployment has no platform, or for dossiers started
 * before it.
 */
export function onlinePayments(settings: DossierWorkflowInput['onlinePayment'], dossier: Dossier) {
  if (!settings) return undefined;
  let collecting: Promise<void> | undefined;
  const waiting = () => unpaidDemand(dossier.state()) !== undefined;

  const collect = async () => {
    const demand = unpaidDemand(dossier.state())!;
    const code = dossier.state().code;
    const transaction = demand.transaction
      ? { transactionId: demand.transaction.id, paymentUrl: demand.transaction.paymentUrl }
      : await initPayment({
          reference: feeDemandReference(code, demand.requestedAt),
          dossierCode: code,
          amountVnd: demand.amountVnd,
          description: `Hồ sơ ${code}: ${demand.reason}`,
        });
    const opened = openPaymentTransaction(dossier.state(), transaction, dossier.context());
    if (opened) await dossier.apply(opened);
    let interval = settings.firstQueryAfterMs;
    while (waiting()) {
      if (await condition(() => !waiting(), interval)) break;
      interval = Math.min(interval * 2, LONGEST_QUERY_INTERVAL_MS);
      const { paid } = await checkPaymentTransaction(transaction.transactionId);
      if (paid && waiting()) await dossier.confirm(transaction.transactionId);
    }
  };

  return {
    /** Starts collecting when a state first waits for an online payment. */
    follow(state: DossierState) {
      if (collecting || !unpaidDemand(state)) return;
      collecting = collect().catch((err: unknown) =>
        log.warn('online payment not followed', { error: String(err) }),
      );
    },
  };
}
