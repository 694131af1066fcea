import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createCalendarActivities } from '../../activities/calendar';
import { prepareCalendarPublication } from '../../domain/calendar';
import { ANNOUNCEMENTS } from '../../domain/calendar/data';
import type { AnnouncedDayOff, YearAnnouncement } from '../../domain/calendar/types';
import { prepareDossier } from '../../domain/dossier/start';
import { publishCalendar } from '../../workers/calendar-publication';
import type { dossierWorkflow } from '../../workflows/dossier';
import { calendarPublishedSignal, stateQuery } from '../../workflows/messages';
import { eventually } from '../api/support';
import {
  createWorker,
  procedure,
  receiver,
  recordingActivities,
  startDossierWorkflow,
} from '../harness/dossiers';
import {
  TASK_QUEUE,
  devServerEnvironment,
  timeSkippingEnvironment,
  workflowBundle,
} from '../harness/temporal';

/** First land registration: 20 working days, long enough to cross Tết 2027 from late January. */
const LAND = '1.013978';
/** Monday 25 January 2027, 09:00 in Vietnam. */
const RECEIPT = Date.parse('2027-01-25T02:00:00Z');

/** An official 2027 notice that fixes Tết differently from the provisional five days (Thu 4 – Wed 10 Feb). */
function officialNotice(): YearAnnouncement {
  const bundled = ANNOUNCEMENTS[2027] as YearAnnouncement;
  const tet = (date: string): AnnouncedDayOff => ({
    date,
    kind: 'tet',
    name: 'Nghỉ Tết Nguyên đán',
    note: 'Theo thông báo (dữ liệu thử)',
    source: 'Thông báo thử của Bộ Nội vụ',
  });
  const days = ['2027-02-03', '2027-02-04', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'];
  return { ...bundled, daysOff: [...bundled.daysOff, ...days.map(tet)] };
}

describe('a publication reaching a dossier (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const recorded = recordingActivities();
  let data: Readonly<Record<number, unknown>> = ANNOUNCEMENTS;

  beforeAll(async () => {
    env = await timeSkippingEnvironment();
  });
  afterAll(async () => {
    await env.teardown();
  });

  test('the provisional Tết gives way to the notice: the due date moves, the citizen is told once, history replays', async () => {
    const worker = await createWorker(env, {
      ...recorded.activities,
      ...createCalendarActivities({ client: env.client, announcements: () => data }),
    });
    await worker.runUntil(async () => {
      // Workflow time reaches the receipt, unless the run is already past it (the receipt is recorded then).
      const now = await env.currentTimeMs();
      if (now < RECEIPT) await env.sleep(RECEIPT - now);
      const land = procedure(LAND);
      const code = `CALENDAR-${randomUUID()}`;
      const input = prepareDossier(land, {
        code,
        channel: 'counter',
        submittedAt: new Date(RECEIPT).toISOString(),
        documents: [{ name: land.documents[0].name, form: land.documents[0].form }],
        receivedBy: receiver(land.receivingAgency),
      });
      const handle = await env.client.workflow.start<typeof dossierWorkflow>('dossierWorkflow', {
        taskQueue: TASK_QUEUE,
        workflowId: code,
        args: [input],
      });
      const before = await handle.query(stateQuery);
      expect(before.dueAtProvisional).toBe(true);

      data = { ...ANNOUNCEMENTS, 2027: officialNotice() };
      const { version } = prepareCalendarPublication(data);
      await handle.signal(calendarPublishedSignal, { version });
      const after = await eventually(async () => {
        const state = await handle.query(stateQuery);
        expect(state.calendarVersion).not.toBe(before.calendarVersion);
        return state;
      });
      // One more Tết weekday (11 February) inside the 20 working days: the due date moves one working day.
      expect(Date.parse(after.dueAt!)).toBeGreaterThan(Date.parse(before.dueAt!));
      expect(after.dueAtProvisional).toBe(false);
      expect(after.events.at(-1)).toMatchObject({
        action: 'adoptCalendar',
        detail: { previousDueAt: before.dueAt, dueAt: after.dueAt, dueAtProvisional: false },
      });
      const moved = () =>
        recorded.sent.filter((n) => n.dossierCode === code && n.occasion === 'due_date_moved');
      await eventually(async () => expect(moved()).toHaveLength(1));
      expect(moved()[0]).toMatchObject({
        occurrence: `calendar:${after.calendarVersion}`,
        data: { previousDueAt: before.dueAt, dueAt: after.dueAt },
      });

      // The same data again: rebuilt, found the same, and nothing changes.
      await handle.signal(calendarPublishedSignal, { version });
      await eventually(async () => {
        const events = (await handle.fetchHistory()).events ?? [];
        const rebuilds = events.flatMap((e) =>
          e.activityTaskScheduledEventAttributes?.activityType?.name === 'rebuildCalendar' ? [e.eventId] : [],
        );
        const done = events.filter((e) =>
          rebuilds.some(
            (id) => String(id) === String(e.activityTaskCompletedEventAttributes?.scheduledEventId),
          ),
        );
        expect(done).toHaveLength(2);
        expect(events.at(-1)?.workflowTaskCompletedEventAttributes).toBeTruthy();
      });
      const again = await handle.query(stateQuery);
      expect(again.version).toBe(after.version);
      expect(moved()).toHaveLength(1);

      await Worker.runReplayHistory({ workflowBundle: workflowBundle() }, await handle.fetchHistory(), code);
      await handle.terminate('test over');
    });
  });
});

describe('calendar:publish (dev server, visibility)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await devServerEnvironment();
  });
  afterAll(async () => {
    await env.teardown();
  });

  test('the fan-out signals every running dossier of its task queue, page by page', async () => {
    const taskQueue = `calendar-${randomUUID()}`;
    const data = { ...ANNOUNCEMENTS, 2027: officialNotice() };
    const worker = await createWorker(
      env,
      {
        ...recordingActivities().activities,
        ...createCalendarActivities({ client: env.client, announcements: () => data }),
      },
      taskQueue,
    );
    await worker.runUntil(async () => {
      const handles = await Promise.all([1, 2, 3].map(() => startDossierWorkflow(env, LAND, { taskQueue })));
      const started = await Promise.all(handles.map((h) => h.query(stateQuery)));
      // Visibility lists a dossier shortly after it starts.
      await eventually(async () => {
        const { count } = await env.client.workflow.count(
          `WorkflowType = 'dossierWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue}'`,
        );
        expect(count).toBe(3);
      });
      const { handle, publication } = await publishCalendar({
        client: env.client,
        taskQueue,
        announcements: data,
        pageSize: 2,
      });
      expect(await handle.result()).toBe(3);
      for (const [i, dossier] of handles.entries()) {
        const state = await eventually(async () => {
          const s = await dossier.query(stateQuery);
          expect(s.calendarVersion).not.toBe(started[i].calendarVersion);
          return s;
        });
        expect(state.events.at(-1)?.action).toBe('adoptCalendar');
        expect(publication.announcements[2027].daysOff).toHaveLength(data[2027].daysOff.length);
      }
      await Promise.all(handles.map((h) => h.terminate('test over')));
    });
  });
});
