import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { WorkingCalendar } from '../domain/calendar/workflow-safe';
import {
  completeCorrection,
  fireCorrectionTimer,
  isCorrectionFinished,
  nextCorrectionTimer,
  startCorrection,
  type CorrectionOutcome,
  type CorrectionState,
  type CorrectionWorkflowInput,
} from '../domain/correction/correction';
import { isDomainError } from '../domain/errors';
import {
  completeCorrectionUpdate,
  correctionStateQuery,
  type CompleteCorrectionArgs,
} from './correction-messages';
import { DossierCode } from './search-attributes';
import { changedOrDue, outbox } from './outbox';
import { COMMANDS_AT_ONCE, projections as projectionsOf, readModel } from './projection';

const { projectCorrection } = readModel;

/**
 * One correction of a returned dossier's result (rules F9), id `correction:<dossierCode>:<n>`, found
 * from the dossier by its DossierCode search attribute. Ends when the corrected result is recorded.
 */
export async function correctionWorkflow(input: CorrectionWorkflowInput): Promise<CorrectionState> {
  const calendar = new WorkingCalendar(input.calendar);
  const atOnce = patched(COMMANDS_AT_ONCE);
  const messages = outbox(atOnce);
  // Corrections started before the dossier views listed them have no row to keep.
  const projecting = patched('correction-read-model');
  const projections = projectionsOf(projectCorrection);
  const apply = ({ state: next, notifications }: CorrectionOutcome) => {
    state = next;
    messages.send(next.dossierCode, notifications);
    if (projecting) projections.project(next);
  };

  const first = startCorrection(input.start, calendar);
  let state = first.state;
  upsertSearchAttributes([{ key: DossierCode, value: state.dossierCode }]);
  setHandler(correctionStateQuery, () => state);
  setHandler(
    completeCorrectionUpdate,
    async ({ actor, payload }) => {
      apply(completeCorrection(state, actor, payload, new Date()));
      if (projecting && !atOnce) await projections.waitFor(state.version);
      return state;
    },
    {
      validator: ({ actor, payload }: CompleteCorrectionArgs) => {
        try {
          completeCorrection(state, actor, payload, new Date());
        } catch (err) {
          if (!isDomainError(err)) throw err;
          throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
        }
      },
    },
  );

  apply(first);
  while (!isCorrectionFinished(state)) {
    const timer = nextCorrectionTimer(state, calendar);
    const wait = timer ? timer.at.getTime() - Date.now() : undefined;
    if (timer && wait! <= 0) {
      apply(fireCorrectionTimer(state, timer));
      continue;
    }
    await changedOrDue(() => state.version, wait);
  }
  await condition(allHandlersFinished);
  await messages.sent();
  await projections.sent();
  return state;
}
