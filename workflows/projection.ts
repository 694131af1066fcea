import { proxyActivities } from '@temporalio/workflow';
import type { DossierActivities } from '../activities/types';

/**
 * The projections of every case into the read model. It must follow every change, so a projection
 * retries while the database is down; a state it can never store (a poison value) gives up after about an
 * hour, and the next change projects it all again.
 */
export const readModel = proxyActivities<
  Pick<DossierActivities, 'projectDossier' | 'projectFeedback' | 'projectCorrection'>
>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 20,
  },
});

/** How long an action waits for the read model to show it before answering from the workflow state. */
export const PROJECTION_WAIT = '3 seconds';
