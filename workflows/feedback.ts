import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { WorkingCalendar } from '../domain/calendar/workflow-safe';
import { isDomainError } from '../domain/errors';
import {
  FEEDBACK_COMMANDS,
  type FeedbackCommand,
  type FeedbackCommandName,
} from '../domain/feedback/commands';
import {
  decide,
  fireFeedbackTimer,
  isFinished,
  nextFeedbackTimer,
  startFeedback,
  type FeedbackContext,
  type FeedbackOutcome,
} from '../domain/feedback/machine';
import type { FeedbackState } from '../domain/feedback/types';
import {
  feedbackActions,
  feedbackStateQuery,
  type FeedbackActionArgs,
  type FeedbackWorkflowInput,
} from './feedback-messages';
import { AgencyCode, Category, DueAt, FeedbackCode, FeedbackStatus, IsOverdue } from './search-attributes';
import { changedOrDue, outbox } from './outbox';
import { COMMANDS_AT_ONCE, projections as projectionsOf, readModel } from './projection';

const { projectFeedback } = readModel;

/**
 * One feedback case (phản ánh, kiến nghị) from intake to its close; its workflow id is the case's code.
 * The rules live in domain/feedback; this owns the timers, the messages and the projection.
 */
export async function feedbackWorkflow(input: FeedbackWorkflowInput): Promise<FeedbackState> {
  const calendar = new WorkingCalendar(input.calendar);
  const atOnce = patched(COMMANDS_AT_ONCE);
  const messages = outbox(atOnce);
  const context = (): FeedbackContext => ({ now: new Date(), calendar });
  const projections = projectionsOf(projectFeedback);

  const apply = ({ state: next, notifications }: FeedbackOutcome) => {
    if (next.version > state.version) state = next;
    messages.send(next.code, notifications);
    upsertSearchAttributes([
      { key: FeedbackCode, value: next.code },
      { key: FeedbackStatus, value: next.status },
      { key: Category, value: next.category },
      { key: AgencyCode, value: [next.assignedAgency ?? next.desk] },
      { key: DueAt, value: new Date(next.dueAt) },
      { key: IsOverdue, value: next.overdue },
    ]);
    projections.project(next);
  };

  const first = startFeedback(input.start, context());
  let state: FeedbackState = first.state;

  setHandler(feedbackStateQuery, () => state);
  for (const name of FEEDBACK_COMMANDS) {
    const command = (args: FeedbackActionArgs<FeedbackCommandName>) => ({ name, ...args }) as FeedbackCommand;
    setHandler(
      feedbackActions[name] as (typeof feedbackActions)['reject'],
      async (args: FeedbackActionArgs<FeedbackCommandName>) => {
        apply(decide(state, command(args), context()));
        if (!atOnce) await projections.waitFor(state.version);
        return state;
      },
      {
        // The rules' refusals become typed, non-retryable failures that the API maps to the contract's codes.
        validator: (args: FeedbackActionArgs<FeedbackCommandName>) => {
          try {
            decide(state, command(args), context());
          } catch (err) {
            if (!isDomainError(err)) throw err;
            throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
          }
        },
      },
    );
  }

  apply(first);
  while (!isFinished(state)) {
    const timer = nextFeedbackTimer(state, context());
    const wait = timer ? timer.at.getTime() - Date.now() : undefined;
    if (wait !== undefined && wait <= 0) {
      apply(fireFeedbackTimer(state, timer!, context()));
      continue;
    }
    // Any action wakes the loop, which recomputes every timer from the state.
    await changedOrDue(() => state.version, wait);
  }
  await condition(allHandlersFinished);
  await messages.sent();
  await projections.sent();
  return state;
}
