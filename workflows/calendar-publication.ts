import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CalendarActivities } from '../activities/calendar/types';

export interface CalendarPublicationInput {
  publicationVersion: string;
  /** The task queue whose running dossiers are told. */
  dossierTaskQueue: string;
  /** Dossiers signalled per activity, each page one visibility page. */
  pageSize?: number;
  pageToken?: string;
  /** Signalled so far, across runs. */
  signalled?: number;
}

const { signalOpenDossiers } = proxyActivities<CalendarActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Pages kept in one run's history before it continues as new. */
const PAGES_PER_RUN = 100;

/**
 * A new calendar version reaching every running dossier (docs/calendar.md): page after page of the open
 * dossiers from visibility, each signalled once; a large province continues as new so the history stays
 * small. Its workflow id names the publication, which records that it was published. Answers how many
 * dossiers were told.
 */
export async function calendarPublicationWorkflow(input: CalendarPublicationInput): Promise<number> {
  const pageSize = input.pageSize ?? 200;
  let { pageToken } = input;
  let signalled = input.signalled ?? 0;
  for (let pages = 0; ; pages++) {
    if (pages >= PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof calendarPublicationWorkflow>({ ...input, pageToken, signalled });
    }
    const page = await signalOpenDossiers({
      publicationVersion: input.publicationVersion,
      taskQueue: input.dossierTaskQueue,
      pageSize,
      pageToken,
    });
    signalled += page.signalled;
    pageToken = page.pageToken;
    if (!pageToken) return signalled;
  }
}
