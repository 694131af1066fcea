import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { CalendarActivities } from '../activities/calendar/types';
import type { DossierActivities } from '../activities/types';
import type { PortalRatingsActivities, PortalSyncActivities } from '../activities/portal/types';
import { notificationTaskQueue, portalTaskQueue } from '../workflows/task-queues';
import { ensureWorkflowBundle } from './workflow-bundle';

/**
 * The worker of the dossier queue, the worker of its notification queue and, with a portal, the worker of
 * its portal queue, run and stopped together: separate Worker instances, so that each has its own task
 * slots and a burst of messages or a slow portal never takes the slots dossier work needs.
 */
export class DossierWorkers {
  private readonly all: Worker[];

  constructor(
    readonly dossiers: Worker,
    readonly notifications: Worker,
    readonly portal?: Worker,
  ) {
    this.all = portal ? [dossiers, notifications, portal] : [dossiers, notifications];
  }

  /** Runs them all until shut down; when one fails the other is shut down too. */
  async run(): Promise<void> {
    await Promise.all(
      this.all.map((w) =>
        w.run().catch((err: unknown) => {
          this.shutdown();
          throw err;
        }),
      ),
    );
  }

  /** Shuts down those still running (the SDK also stops workers on SIGINT/SIGTERM by itself). */
  shutdown(): void {
    for (const w of this.all) if (w.getState() === 'RUNNING') w.shutdown();
  }

  /** Runs them all while `fn` runs, then shuts them down. */
  async runUntil<T>(fn: () => Promise<T>): Promise<T> {
    const running = this.run();
    try {
      return await fn();
    } finally {
      this.shutdown();
      await running;
    }
  }
}

export interface DossierWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: DossierActivities &
    Partial<PortalSyncActivities & PortalRatingsActivities> &
    Partial<CalendarActivities>;
  /** The payload codec and failure converter; the SDK's defaults (payloads in clear) without it. */
  dataConverter?: DataConverter;
  /** The sticky cache's size (MOTCUA_WORKER_CACHED_WORKFLOWS); the SDK's default without it. */
  maxCachedWorkflows?: number;
  /** A bundle of the caller's (tests); otherwise the one built ahead of time from the current sources. */
  workflowBundle?: { codePath: string } | { code: string };
}

/** Slots for portal calls: each mostly waits on the portal (2 s when it is slow), so many fit one process. */
const PORTAL_ACTIVITY_SLOTS = 200;

/**
 * The dossier queue's worker with every activity, its notification queue's worker with `notify`, and,
 * when the portal activities are given, its portal queue's worker with those.
 */
export async function createDossierWorker(opts: DossierWorkerOptions): Promise<DossierWorkers> {
  const { workflowBundle, activities, ...rest } = opts;
  const dossiers = await Worker.create({
    ...rest,
    activities,
    workflowBundle: workflowBundle ?? ensureWorkflowBundle(),
  });
  const notifications = await Worker.create({
    ...rest,
    taskQueue: notificationTaskQueue(opts.taskQueue),
    activities: { notify: (input: Parameters<DossierActivities['notify']>[0]) => activities.notify(input) },
  });
  const { deliverPortalRecord, deliverPortalProgress } = activities;
  const portal =
    deliverPortalRecord && deliverPortalProgress
      ? await Worker.create({
          ...rest,
          taskQueue: portalTaskQueue(opts.taskQueue),
          activities: { deliverPortalRecord, deliverPortalProgress },
          maxConcurrentActivityTaskExecutions: PORTAL_ACTIVITY_SLOTS,
        })
      : undefined;
  return new DossierWorkers(dossiers, notifications, portal);
}
