import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createCalendarActivities } from '../../activities/calendar';
import type { CalendarActivities } from '../../activities/calendar/types';
import type { DossierActivities, ProjectDossierInput } from '../../activities/types';
import { buildCalendarSnapshot, WorkingCalendar } from '../../domain/calendar';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { CorrectionState } from '../../domain/correction/correction';
import type { CommandName } from '../../domain/dossier/commands';
import type { Actor, DossierState } from '../../domain/dossier/types';
import type { FeedbackState } from '../../domain/feedback/types';
import { actions, type ActionArgs } from '../../workflows/messages';
import type { NotifyInput } from '../../domain/notifications';
import { prepareDossier } from '../../domain/dossier/start';
import type { Procedure } from '../../domain/procedure';
import { getProcedure } from '../../procedures';
import type { dossierWorkflow } from '../../workflows/dossier';
import { createDossierWorker, type DossierWorkers } from '../../workers/dossier-workers';
import { TASK_QUEUE, timeSkippingEnvironment, workflowBundle } from './temporal';

export interface SentNotification extends NotifyInput {
  /** Workflow time at which the workflow asked for it (skipped time on the time-skipping server). */
  at: Date;
  /** The run that asked and its activity's sequence number in that run. */
  asked: [runId: string, seq: number];
}

/**
 * Activities that record what the workflow asked for: these tests prove the workflow's rules and timing;
 * the real read model and channels have suites of their own.
 */
export function recordingActivities() {
  const sent: SentNotification[] = [];
  const projections: ProjectDossierInput[] = [];
  const feedbackStates: FeedbackState[] = [];
  const corrections: CorrectionState[] = [];
  const activities: DossierActivities = {
    async projectDossier(projection) {
      projections.push(projection);
    },
    async projectFeedback(state) {
      feedbackStates.push(state);
    },
    async projectCorrection(state) {
      corrections.push(state);
    },
    async notify(input) {
      const { scheduledTimestampMs, activityId, workflowExecution } = Context.current().info;
      sent.push({
        ...input,
        at: new Date(scheduledTimestampMs),
        asked: [workflowExecution?.runId ?? '', Number(activityId)],
      });
      // Messages run in parallel: keep them in the order each workflow asked for them.
      sent.sort(
        (a, b) =>
          a.at.getTime() - b.at.getTime() || (a.asked[0] === b.asked[0] ? a.asked[1] - b.asked[1] : 0),
      );
      return { sent: 1, skipped: 0, failed: 0 };
    },
  };
  return { activities, sent, projections, feedbackStates, corrections };
}

export async function createWorker(
  env: TestWorkflowEnvironment,
  activities: DossierActivities & Partial<CalendarActivities>,
  taskQueue = TASK_QUEUE,
) {
  return createDossierWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: { ...createCalendarActivities({ client: env.client }), ...activities },
    // No sticky cache: every workflow task replays the history first, so a command order that a replay
    // cannot rebuild fails here, not only in a long run (docs/determinism.md). The stacks keep the cache.
    maxCachedWorkflows: 0,
  });
}

/**
 * A clerk's action on a running dossier, answered with the state after it. The messages it queued leave
 * afterwards: a test that reads them waits for them.
 */
export function act<K extends CommandName>(
  handle: WorkflowHandle,
  name: K,
  args: ActionArgs<K>,
): Promise<DossierState> {
  return handle.executeUpdate(actions[name] as (typeof actions)['accept'], {
    args: [args as ActionArgs<'accept'>],
  });
}

export function procedure(code: string): Procedure {
  const p = getProcedure(code);
  if (!p) throw new Error(`no procedure ${code}`);
  return p;
}

export const receiver = (agencyCode = 'centre'): Actor => ({
  username: `${agencyCode}.receiver`,
  role: 'receiver',
  agencyCode,
});
export const specialist = (agencyCode: string): Actor => ({
  username: `${agencyCode}.specialist`,
  role: 'specialist',
  agencyCode,
});
export const leader = (agencyCode: string): Actor => ({
  username: `${agencyCode}.leader`,
  role: 'leader',
  agencyCode,
});

let sequence = 0;
export function dossierCode(): string {
  sequence += 1;
  return `TEST.${process.pid}.${Date.now().toString(36)}-${String(sequence).padStart(4, '0')}`;
}

/** Starts a dossier at the environment's current time, received at the counter unless `online`. */
export async function startDossierWorkflow(
  env: TestWorkflowEnvironment,
  procedureCode: string,
  opts: { online?: boolean; code?: string; taskQueue?: string; portalSync?: boolean } = {},
) {
  const code = opts.code ?? dossierCode();
  const p = procedure(procedureCode);
  const submittedAt = new Date(await env.currentTimeMs()).toISOString();
  const input = prepareDossier(p, {
    code,
    channel: opts.online ? 'online' : 'counter',
    submittedAt,
    documents: [{ name: p.documents[0].name, form: p.documents[0].form }],
    receivedBy: opts.online ? undefined : receiver(p.receivingAgency),
  });
  if (opts.portalSync) input.portalSync = true;
  return env.client.workflow.start<typeof dossierWorkflow>('dossierWorkflow', {
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    workflowId: code,
    args: [input],
  });
}

/** Skips the environment's clock to 09:00 of the next working day, so a counter receipt moves at once. */
export async function skipToWorkingMorning(env: TestWorkflowEnvironment): Promise<void> {
  const now = await env.currentTimeMs();
  const year = new Date(now).getUTCFullYear();
  const calendar = new WorkingCalendar(
    buildCalendarSnapshot({ kind: 'vn', fromYear: year, toYear: year + 1, allowUnannounced: true }),
  );
  const opening = calendar.startOfNextWorkingDay(new Date(now));
  await env.sleep(opening.getTime() + 90 * 60_000 - now);
}

/** A time-skipping server and a worker with recording activities, for the whole test file that asks. */
export function timeSkippingWorker() {
  const setup = { recorded: recordingActivities() } as {
    recorded: ReturnType<typeof recordingActivities>;
    env: TestWorkflowEnvironment;
  };
  let worker: DossierWorkers | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    setup.env = await timeSkippingEnvironment();
    worker = await createWorker(setup.env, setup.recorded.activities);
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await setup.env?.teardown();
  });
  return setup;
}

/** The code a workflow Update was refused with (its validator's failure type). */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return (err.cause as { type?: string }).type ?? 'unknown';
    throw err;
  }
  throw new Error('the action was accepted');
}
