import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { CalendarActivities } from '../activities/calendar/types';
import type { DossierActivities } from '../activities/types';
import { WorkingCalendar } from '../domain/calendar/workflow-safe';
import { adoptCalendar } from '../domain/dossier/calendar-change';
import { SYSTEM_ACTOR, type Command, type CommandName } from '../domain/dossier/commands';
import { DossierRuleError } from '../domain/dossier/errors';
import { isDomainError } from '../domain/errors';
import {
  decide,
  fireTimer,
  isFinished,
  nextTimer,
  startDossier,
  type RuleContext,
  type Outcome,
} from '../domain/dossier/machine';
import type { DossierWorkflowInput } from '../domain/dossier/start';
import type { DossierState } from '../domain/dossier/types';
import { portalProcedureOf, type PortalChange } from '../domain/portal/record';
import {
  actions,
  calendarPublishedSignal,
  paymentConfirmedSignal,
  stateQuery,
  type ActionArgs,
} from './messages';
import { portalChangeSignal, portalSyncWorkflowId } from './portal-messages';
import { portalSyncWorkflow } from './portal-sync';
import { onlinePayments } from './online-payment';
import { notifyOptions, outbox } from './outbox';
import { COMMANDS_AT_ONCE, projections as projectionsOf, readModel } from './projection';
import {
  AgencyCode,
  Channel,
  DossierCode,
  DossierStatus,
  DueAt,
  IsOverdue,
  ProcedureCode,
} from './search-attributes';

const { projectDossier } = readModel;
// Retried without end: a worker of an older release refuses a newer calendar and leaves it to a deployed one.
const { rebuildCalendar } = proxyActivities<CalendarActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** One dossier (hồ sơ) from submission to returned result; its workflow id is the dossier code. */
export async function dossierWorkflow(input: DossierWorkflowInput): Promise<DossierState> {
  let calendar = new WorkingCalendar(input.calendar);
  // Dossiers started before a change replay without it; see "Changing workflow code" in the README.
  const features = {
    stepOverdueAlerts: patched('step-overdue-alert'),
    supplementRequestLimit: patched('supplement-request-limit'),
    onlineTransferAtOnce: patched('online-transfer-at-once'),
    onlineSubmissionAlerts: patched('online-submission-alerts'),
    earlyReturnNotice: patched('early-return-notice'),
    returnAppointments: patched('return-appointments'),
    immediateResults: patched('immediate-results'),
    receiptOnRequest: patched('receipt-on-request'),
    paymentRules: patched('payment-rules'),
    correctionWorkflow: patched('correction-workflow'),
  };
  // Before this change the dossier, timers and actions alike, stood still until each projection succeeded.
  const projectInBackground = patched('projection-in-background');
  const atOnce = patched(COMMANDS_AT_ONCE);
  // Before this change messages left from the dossier queue, where a burst of them held up dossier work.
  const messages = patched('notifications-queue')
    ? outbox(atOnce)
    : outbox(false, proxyActivities<DossierActivities>(notifyOptions).notify);
  const context = (): RuleContext => ({ now: new Date(), calendar, procedure: input.procedure, features });
  const reportToPortal = portalReporter(input);
  const payments =
    input.onlinePayment && patched('online-payment')
      ? onlinePayments(input.onlinePayment, {
          state: () => state,
          context,
          apply: (outcome) => apply(outcome),
          confirm: (reference) => confirmPayment(reference),
        })
      : undefined;
  const project = (next: DossierState) =>
    projectDossier({ state: next, procedureName: input.procedure.name });
  const projections = projectionsOf(project);

  const apply = async ({ state: next, notifications }: Outcome) => {
    // An Update delivered with the first task runs before the first apply: never step back to an older state.
    if (next.version > state.version) state = next;
    reportToPortal?.(next);
    payments?.follow(state);
    messages.send(next.code, notifications);
    upsertSearchAttributes([
      { key: DossierCode, value: next.code },
      { key: ProcedureCode, value: next.procedureCode },
      { key: Channel, value: next.channel },
      { key: DossierStatus, value: next.status },
      { key: AgencyCode, value: currentAgencies(next) },
      { key: DueAt, value: next.dueAt ? new Date(next.dueAt) : null },
      { key: IsOverdue, value: next.overdue },
    ]);
    if (!projectInBackground) return project(next);
    projections.project(next);
  };

  const first = startDossier(input.start, context());
  let state: DossierState = first.state;

  setHandler(stateQuery, () => state);
  for (const name of Object.keys(actions) as CommandName[]) {
    const command = (args: ActionArgs<CommandName>) => ({ name, ...args }) as Command;
    setHandler(
      actions[name] as (typeof actions)['accept'],
      async (args: ActionArgs<CommandName>) => {
        await apply(decide(state, command(args), context()));
        if (projectInBackground && !atOnce) await projections.waitFor(state.version);
        return state;
      },
      {
        validator: (args: ActionArgs<CommandName>) =>
          asFailure(() => decide(state, command(args), context())),
      },
    );
  }
  // The platform's callback and its answer to a query both come here: the first confirms, a later one
  // finds the dossier no longer waiting and is ignored.
  const confirmPayment = async (reference: string) => {
    const confirm: Command = { name: 'confirmPayment', actor: SYSTEM_ACTOR, payload: { reference } };
    try {
      await apply(decide(state, confirm, context()));
    } catch (err) {
      if (!(err instanceof DossierRuleError)) throw err;
      log.warn('payment confirmation ignored', { reason: err.message });
    }
  };
  setHandler(paymentConfirmedSignal, ({ reference }) => confirmPayment(reference));

  // Asked here rather than at the start, so that dossiers already running take publications too.
  let recalendaring: Promise<void> = Promise.resolve();
  setHandler(calendarPublishedSignal, ({ version }) => {
    if (!patched('calendar-publications') || calendar.snapshot.roundTheClock) return;
    recalendaring = recalendaring.then(async () => {
      const { id: kind, officeHours, fromYear, toYear } = calendar.snapshot;
      const snapshot = await rebuildCalendar({
        publicationVersion: version,
        kind,
        officeHours,
        fromYear,
        toYear,
      });
      if (isFinished(state)) return;
      const next = new WorkingCalendar(snapshot);
      const outcome = adoptCalendar(state, { ...context(), calendar: next });
      if (!outcome) return;
      calendar = next;
      await apply(outcome);
    });
    return recalendaring;
  });

  await apply(first);
  while (!isFinished(state)) {
    const timer = nextTimer(state, context());
    const wait = timer ? timer.at.getTime() - Date.now() : undefined;
    if (wait !== undefined && wait <= 0) {
      await apply(fireTimer(state, timer!, context()));
      continue;
    }
    // Any change (an action, a moved due date) wakes the loop, which recomputes every timer from the state.
    const seen = state.version;
    const changed = () => state.version !== seen;
    await (wait === undefined ? condition(changed) : condition(changed, wait));
  }
  await condition(allHandlersFinished);
  await messages.sent();
  await reportToPortal?.sent();
  await projections.sent();
  return state;
}

/**
 * Hands each new state to the dossier's portal sync workflow, numbered without gaps: the first starts
 * it as a child that outlives the dossier if it must, the rest are signals. Nothing here waits for the
 * portal itself. Undefined when the deployment has no portal, or for dossiers started before the sync.
 */
function portalReporter(input: DossierWorkflowInput) {
  if (!input.portalSync || !patched('portal-sync')) return undefined;
  const workflowId = portalSyncWorkflowId(input.start.code);
  const procedure = portalProcedureOf(input.procedure);
  let seq = 0;
  let reportedVersion = 0;
  let reportedEvent = 0;
  let queue: Promise<void> = Promise.resolve();

  const report = (state: DossierState) => {
    if (state.version <= reportedVersion) return;
    seq += 1;
    const change: PortalChange = {
      seq,
      state,
      procedure,
      fromEvent: reportedEvent,
      final: isFinished(state),
    };
    reportedVersion = state.version;
    reportedEvent = state.events.length;
    const send =
      seq === 1
        ? () =>
            startChild(portalSyncWorkflow, {
              workflowId,
              args: [{ dossierCode: state.code, pending: [change], syncedSeq: 0 }],
              parentClosePolicy: ParentClosePolicy.ABANDON,
            }).then(() => undefined)
        : () => getExternalWorkflowHandle(workflowId).signal(portalChangeSignal, change);
    queue = queue
      .then(send)
      .catch((err: unknown) =>
        log.warn('change not handed to the portal sync', { seq: change.seq, error: String(err) }),
      );
  };
  return Object.assign(report, { sent: () => queue });
}

function currentAgencies(state: DossierState): string[] {
  return [...new Set(state.steps.filter((s) => s.state === 'active').map((s) => s.agency))];
}

/**
 * The domain's own errors (rules, calendar) become typed, non-retryable failures that the API maps to the
 * contract's codes; anything else is a programming error and rejects the Update as it is, never as the
 * client's fault.
 */
function asFailure(check: () => unknown): void {
  try {
    check();
  } catch (err) {
    if (isDomainError(err)) {
      throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
    }
    throw err;
  }
}
