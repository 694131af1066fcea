/**
 * The one-stop rules of Decree 118/2025 as a pure state machine: given a dossier, an action and the time,
 * it answers the next state and the notifications to send, or refuses with a typed rule error. The dossier
 * workflow owns timers and I/O; everything that decides lives here, so it replays deterministically.
 */
import type { Notification } from '../notifications/notification';
import { stepPhases } from '../procedure';
import { SYSTEM_ACTOR, type Command, type CommandName } from './commands';
import {
  ONLINE_ACCEPTANCE,
  iso,
  at,
  clone,
  type RuleContext,
  type Outcome,
  type DossierStart,
} from './context';
import { DossierRuleError } from './errors';
import { isClosed, ACTION_ROLES, forbid } from './guards';
import { HANDLERS, type Handler } from './handlers';
import { staff } from './notices';
import { receive, record } from './transitions';
import type { DossierState, StepState } from './types';

export function startDossier(input: DossierStart, ctx: RuleContext): Outcome {
  const { procedure } = ctx;
  const phases = stepPhases(procedure);
  const steps: StepState[] = phases.flatMap((phase, index) =>
    phase.map((s) => ({
      id: s.id,
      name: s.name,
      agency: s.agency,
      role: s.role,
      phase: index,
      state: 'waiting' as const,
    })),
  );
  const draft: DossierState = {
    code: input.code,
    procedureCode: procedure.code,
    channel: input.channel,
    receivingAgency: input.receivingDesk ?? procedure.receivingAgency,
    calendarVersion: input.calendarVersion,
    status: 'submitted',
    submittedAt: input.submittedAt,
    currentPhase: -1,
    steps,
    handoffs: [],
    documents: input.documents,
    completionRequestCount: 0,
    supplementCount: 0,
    extensionCount: 0,
    overdue: false,
    firedTimers: [],
    version: 0,
    events: [],
  };
  const notifications: Notification[] = [];
  const submittedAt = at(input.submittedAt);
  if (input.receivedBy) {
    // The clock starts at the receipt the clerk recorded (a postal dossier may arrive before it is keyed in).
    receive(draft, { ...ctx, now: submittedAt }, input.receivedBy, notifications);
    // Logged like any receipt, and the log says that no receipt was handed over (118 Art. 17(4)).
    if (ctx.features?.receiptOnRequest && draft.immediateResult && !input.receiptRequested) {
      draft.withoutReceipt = true;
    }
    record(
      draft,
      ctx,
      'receive',
      input.receivedBy,
      'submitted',
      draft.withoutReceipt ? { receipt: false } : undefined,
    );
  } else if (input.notReceived) {
    const { action, by, payload } = input.notReceived;
    const atCounter = { ...ctx, now: submittedAt };
    record(draft, atCounter, 'submit', by, 'submitted');
    (HANDLERS[action] as Handler<CommandName>)(draft, payload, by, atCounter, notifications);
    record(draft, atCounter, action, by, 'submitted', payload);
  } else {
    draft.substate = 'awaiting_acceptance';
    draft.acceptBy = iso(ctx.calendar.addDuration(submittedAt, ONLINE_ACCEPTANCE));
    if (ctx.features?.onlineSubmissionAlerts) {
      notifications.push(
        staff(draft, ctx, draft.receivingAgency, ['receiver'], 'acceptance_reminder', 'submission_alert', {
          acceptBy: draft.acceptBy,
        }),
      );
    }
    record(draft, ctx, 'submit', { ...SYSTEM_ACTOR, username: 'citizen' }, 'submitted');
  }
  return { state: draft, notifications };
}

export function decide(state: DossierState, command: Command, ctx: RuleContext): Outcome {
  const { actor } = command;
  if (isClosed(state) && !(command.name === 'requestCorrection' && state.status === 'returned')) {
    throw new DossierRuleError('DOSSIER_CLOSED', `dossier ${state.code} is closed (${state.status})`);
  }
  if (!ACTION_ROLES[command.name].includes(actor.role)) forbid(`a ${actor.role} may not ${command.name}`);
  const draft = clone(state);
  const notifications: Notification[] = [];
  const handler = HANDLERS[command.name] as Handler<CommandName>;
  handler(draft, command.payload, actor, ctx, notifications);
  record(draft, ctx, command.name, actor, state.status, command.payload);
  return { state: draft, notifications };
}

/** The workflow ends once nothing more can happen to the dossier. */
export function isFinished(state: DossierState): boolean {
  if (state.status === 'returned') return state.firedTimers.some((k) => k.startsWith('archive'));
  return isClosed(state);
}

export * from './context';
export { ACTION_ROLES, isClosed } from './guards';
export { fireTimer, nextTimer, timers, type Timer, type TimerKind } from './timers';
