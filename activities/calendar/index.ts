import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { buildCalendarSnapshot, prepareCalendarPublication } from '../../domain/calendar';
import { ANNOUNCEMENTS } from '../../domain/calendar/data';
import { calendarPublishedSignal } from '../../workflows/messages';
import type { CalendarActivities } from './types';

export interface CalendarActivityDeps {
  /** The Temporal client that lists and signals dossiers. */
  client: Client;
  /** The yearly notices this worker builds calendars from: the bundled data files unless a test says. */
  announcements?: () => Readonly<Record<number, unknown>>;
}

export function createCalendarActivities(deps: CalendarActivityDeps): CalendarActivities {
  const data = deps.announcements ?? (() => ANNOUNCEMENTS);
  return {
    async rebuildCalendar({ publicationVersion, kind, officeHours, fromYear, toYear }) {
      const publication = prepareCalendarPublication(data());
      if (publication.version !== publicationVersion) {
        // A worker of an older release: another (or this one, once deployed) takes the retry.
        throw ApplicationFailure.retryable(
          `this worker holds calendar data ${publication.version}, not the published ${publicationVersion}`,
          'CALENDAR_DATA_NOT_DEPLOYED',
        );
      }
      return buildCalendarSnapshot({
        kind,
        officeHours: kind === '24x7' ? undefined : officeHours,
        fromYear,
        toYear,
        allowUnannounced: true,
        announcements: publication.announcements,
      });
    },

    async signalOpenDossiers({ publicationVersion, taskQueue, pageSize, pageToken }) {
      const { client } = deps;
      const page = await client.workflowService.listWorkflowExecutions({
        namespace: client.options.namespace,
        query: `WorkflowType = 'dossierWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue}'`,
        pageSize,
        nextPageToken: pageToken ? Buffer.from(pageToken, 'base64') : undefined,
      });
      const ids = (page.executions ?? []).flatMap((e) =>
        e.execution?.workflowId ? [e.execution.workflowId] : [],
      );
      await Promise.all(
        ids.map((id) =>
          client.workflow
            .getHandle(id)
            .signal(calendarPublishedSignal, { version: publicationVersion })
            // Finished since it was listed: nothing left to recompute.
            .catch((err: unknown) => {
              if (!(err instanceof WorkflowNotFoundError)) throw err;
            }),
        ),
      );
      const next = page.nextPageToken?.length
        ? Buffer.from(page.nextPageToken).toString('base64')
        : undefined;
      return { signalled: ids.length, ...(next ? { pageToken: next } : {}) };
    },
  };
}
