import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { DossierActivities } from '../activities/types';
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

// As for dossiers: the read model follows every change and retries while the database is down.
const { projectCorrection } = proxyActivities<DossierActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 20,
  },
});
/** How long the completion waits for the read model to show it before answering from the workflow state. */
const PROJECTION_WAIT = '3 seconds';

/**
 * One correction of a returned dossier's result (rules F9), id `correction:<dossierCode>:<n>`, found
 * from the dossier by its DossierCode search attribute. Ends when the corrected result is recorded.
 */
export async function correctionWorkflow(input: CorrectionWorkflowInput): Promise<CorrectionState> {
  const calendar = new WorkingCalendar(input.calendar);
  const messages = outbox();
  // Corrections started before the dossier views listed them have no row to keep.
  const projecting = patched('correction-read-model');
  let projections: Promise<void> = Promise.resolve();
  let projectedVersion = 0;
  const apply = ({ state: next, notifications }: CorrectionOutcome) => {
    state = next;
    messages.send(next.dossierCode, notifications);
    if (!projecting) return;
    const projected = projectCorrection(next).then(
      () => {
        projectedVersion = Math.max(projectedVersion, next.version);
      },
      (err: unknown) => log.warn('read model not updated', { version: next.version, error: String(err) }),
    );
    projections = Promise.all([projections, projected]).then(() => undefined);
  };

  const first = startCorrection(input.start, calendar);
  let state = first.state;
  upsertSearchAttributes([{ key: DossierCode, value: state.dossierCode }]);
  setHandler(correctionStateQuery, () => state);
  setHandler(
    completeCorrectionUpdate,
    async ({ actor, payload }) => {
      apply(completeCorrection(state, actor, payload, new Date()));
      const version = state.version;
      if (projecting) await condition(() => projectedVersion >= version, PROJECTION_WAIT);
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
  await projections;
  return state;
}
