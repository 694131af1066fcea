import type { Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { prepareCalendarPublication, type CalendarPublication } from '../domain/calendar';
import type { calendarPublicationWorkflow } from '../workflows/calendar-publication';

export interface PublishCalendarOptions {
  client: Client;
  /** The dossiers' task queue: the fan-out runs there and tells that queue's running dossiers. */
  taskQueue: string;
  /** The notices to publish; the bundled data files unless a test says. */
  announcements?: Readonly<Record<number, unknown>>;
  pageSize?: number;
}

/**
 * Validates the calendar data and starts the workflow that tells every running dossier (docs/calendar.md).
 * The workflow id names the version, so Temporal keeps the record of what was published and when; publishing
 * the same data again while it runs joins the running fan-out.
 */
export async function publishCalendar(opts: PublishCalendarOptions) {
  const publication: CalendarPublication = prepareCalendarPublication(opts.announcements);
  const handle = await opts.client.workflow.start<typeof calendarPublicationWorkflow>(
    'calendarPublicationWorkflow',
    {
      taskQueue: opts.taskQueue,
      workflowId: `calendar-publication-${publication.version}`,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      args: [
        {
          publicationVersion: publication.version,
          dossierTaskQueue: opts.taskQueue,
          ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
        },
      ],
      memo: { years: Object.keys(publication.announcements).map(Number) },
    },
  );
  return { publication, handle };
}
