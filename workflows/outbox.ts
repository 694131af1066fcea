import { condition, log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DossierActivities } from '../activities/types';
import type { Notification } from '../domain/notifications/notification';
import { notificationTaskQueue } from './task-queues';

type Notify = DossierActivities['notify'];

/** A message that keeps failing is recorded as failed by the activity; the case goes on regardless. */
export const notifyOptions = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 20,
  },
} as const;

/** From the notification queue, so that a burst of messages never holds up case work. */
function notifyFromQueue(): Notify {
  return proxyActivities<DossierActivities>({
    ...notifyOptions,
    taskQueue: notificationTaskQueue(workflowInfo().taskQueue),
  }).notify;
}

/**
 * A case's messages; the activity sends each occurrence once. With `atOnce` (runs started since
 * `commands-at-once`) each message is handed to the queue the moment the rules produce it, in their order.
 * Older runs sent one after another, each once the one before was done, and replay as they were: that
 * issued a command after an activity's result, an order a replay could not always rebuild
 * (docs/determinism.md).
 */
export function outbox(atOnce: boolean, notify: Notify = notifyFromQueue()) {
  let deliveries: Promise<void> = Promise.resolve();
  const deliver = (code: string, n: Notification) =>
    notify({ dossierCode: code, ...n }).then(
      () => undefined,
      (err: unknown) => log.warn('notification not delivered', { occasion: n.occasion, error: String(err) }),
    );
  return {
    send(code: string, notifications: readonly Notification[]) {
      for (const n of notifications) {
        deliveries = atOnce
          ? Promise.all([deliveries, deliver(code, n)]).then(() => undefined)
          : deliveries.then(() => deliver(code, n));
      }
    },
    /** Resolves once every message asked for so far is sent or given up. */
    sent: () => deliveries,
  };
}

/** Waits until the case's version moves (an action woke it) or `wait` ms pass, when there is a timer. */
export function changedOrDue(version: () => number, wait: number | undefined): Promise<unknown> {
  const seen = version();
  const changed = () => version() !== seen;
  return wait === undefined ? condition(changed) : condition(changed, wait);
}
