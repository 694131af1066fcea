import { condition, log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DossierActivities } from '../activities/types';
import type { Notification } from '../domain/notifications/notification';
import { notificationTaskQueue } from './task-queues';

/**
 * A case's messages, sent from the notification queue (a burst of them never holds up case work) one after
 * another, in the order the rules produced them; the activity sends each occurrence once.
 */
export function outbox() {
  const { notify } = proxyActivities<DossierActivities>({
    startToCloseTimeout: '1 minute',
    taskQueue: notificationTaskQueue(workflowInfo().taskQueue),
    retry: {
      initialInterval: '5 seconds',
      backoffCoefficient: 2,
      maximumInterval: '10 minutes',
      maximumAttempts: 20,
    },
  });
  let deliveries: Promise<void> = Promise.resolve();
  return {
    send(code: string, notifications: readonly Notification[]) {
      for (const n of notifications) {
        deliveries = deliveries.then(() =>
          notify({ dossierCode: code, ...n }).then(
            () => undefined,
            (err: unknown) =>
              log.warn('notification not delivered', { occasion: n.occasion, error: String(err) }),
          ),
        );
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
