import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptions,
} from '@temporalio/client';
import type { portalRatingsScheduledWorkflow } from '../workflows/portal-ratings';
import { PORTAL_RATINGS_SCHEDULE_ID } from '../workflows/portal-messages';

/**
 * The monthly rating summary to the national portal: a Temporal Schedule that runs at 01:00 on the 1st
 * in Hà Nội and sends the month just ended. Created at the first start of a worker or stack, brought up
 * to date at every later one, so a deployment never has to create it by hand.
 */
export async function ensurePortalRatingsSchedule(client: Client, taskQueue: string): Promise<void> {
  const options: Omit<ScheduleOptions, 'scheduleId'> = {
    spec: {
      calendars: [{ dayOfMonth: 1, hour: 1, comment: 'the month just ended, to the national portal' }],
      timezone: 'Asia/Ho_Chi_Minh',
    },
    action: {
      type: 'startWorkflow',
      workflowType: 'portalRatingsScheduledWorkflow',
      args: [] as Parameters<typeof portalRatingsScheduledWorkflow>,
      workflowId: PORTAL_RATINGS_SCHEDULE_ID,
      taskQueue,
    },
    // A cluster down over the 1st still sends the month when it comes back within the month.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '28 days' },
  };
  try {
    await client.schedule.create({ scheduleId: PORTAL_RATINGS_SCHEDULE_ID, ...options });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule
      .getHandle(PORTAL_RATINGS_SCHEDULE_ID)
      .update((previous) => ({ ...previous, ...options }));
  }
}
