import { executeChild, proxyActivities, ParentClosePolicy } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import type { PortalRatingsActivities } from '../activities/portal/types';
import { previousMonth } from '../domain/portal/ratings';
import { portalRatingsWorkflowId } from './portal-messages';

// The portal may be down for days: keep trying, at most every ten minutes, until it takes the month.
const { sendMonthlyRatings } = proxyActivities<PortalRatingsActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/** Sends one month's rating summary (`YYYY-MM`); answers how many ratings it covered. */
export async function portalMonthlyRatingsWorkflow(month: string): Promise<number> {
  return sendMonthlyRatings(month);
}

/**
 * What the monthly schedule runs: the month just ended, in a workflow whose id names the month. A second
 * run for the same month (a manual trigger, a catch-up) finds that id taken and sends nothing.
 */
export async function portalRatingsScheduledWorkflow(): Promise<{ month: string; sentNow: boolean }> {
  // Workflow time is the run's start: on the 1st, the month before.
  const month = previousMonth(new Date());
  try {
    await executeChild(portalMonthlyRatingsWorkflow, {
      workflowId: portalRatingsWorkflowId(month),
      args: [month],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      // A portal down past this run's end must not cancel the month's delivery.
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { month, sentNow: false };
    throw err;
  }
  return { month, sentNow: true };
}
