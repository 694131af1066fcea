import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { CalendarActivities } from '../activities/calendar/types';
import type { DossierActivities } from '../activities/types';
import type { PortalRatingsActivities, PortalSyncActivities } from '../activities/portal/types';
import { notificationTaskQueue } from '../workflows/task-queues';
import { ensureWorkflowBundle } from './workflow-bundle';

/**
 * The worker of the dossier queue and the worker of its notification queue, run and stopped together:
 * two Worker instances, so that each has its own task slots and a burst of messages never takes the
 * slots dossier work needs.
 */
export class DossierWorkers {
  private readonly all: Worker[];

  constructor(
    readonly dossiers: Worker,
    readonly notifications: Worker,
  ) {
    this.all = [dossiers, notifications];
  }

  /** Runs both until shut down; when one fails the other is shut down too. */
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

  /** Runs both while `fn` runs, then shuts them down. */
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

/** The dossier queue's worker with every activity, and its notification queue's worker with `notify`. */
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
  return new DossierWorkers(dossiers, notifications);
}
