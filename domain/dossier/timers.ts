/** The timers a dossier state calls for (reminders, escalation, overdue, closing) and what each does. */
import type { Notification } from '../notifications/notification';
import type { Duration } from '../duration';
import { SYSTEM_ACTOR } from './commands';
import {
  ACCEPTANCE_REMINDER,
  ESCALATION,
  FEE_REMITTANCE,
  SUBMISSION_ALERT,
  iso,
  at,
  clone,
  paymentWaitExcluded,
  type RuleContext,
  type Outcome,
} from './context';
import { citizen, staff } from './notices';
import { activatePhase, closeActiveSteps, correctionWindowEnd, record } from './transitions';
import type { DossierState } from './types';

export type TimerKind =
  | 'submission_alert'
  | 'acceptance_reminder'
  | 'acceptance_due'
  | 'transfer'
  | 'step_reminder'
  | 'step_overdue'
  | 'dossier_reminder'
  | 'escalation'
  | 'overdue'
  | 'completion_closed'
  | 'supplement_closed'
  | 'archive'
  | 'fee_remittance';

export interface Timer {
  key: string;
  kind: TimerKind;
  at: Date;
  stepId?: string;
  offset?: Duration;
}

/** Every timer the dossier's current state calls for, fired or not; keyed so that each fires once. */
export function timers(state: DossierState, ctx: RuleContext): Timer[] {
  const cal = ctx.calendar;
  const list: Timer[] = [];
  const add = (kind: TimerKind, when: Date, extra: Partial<Timer> = {}, after?: string) => {
    // A reminder whose moment passed before its subject began would only be noise.
    if (after && when <= at(after)) return;
    const suffix = extra.stepId ? `:${extra.stepId}` : '';
    const offset = extra.offset ? `:${extra.offset.amount}${extra.offset.unit}` : '';
    list.push({ key: `${kind}${suffix}${offset}@${iso(when)}`, kind, at: when, ...extra });
  };
  const offsets = ctx.procedure.reminderOffsets;
  const { payment } = state;
  const remittanceAt =
    payment?.online && payment.paidAt && cal.addDuration(at(payment.paidAt), FEE_REMITTANCE);
  if (remittanceAt) add('fee_remittance', remittanceAt);
  switch (state.status) {
    case 'submitted':
      // Only the first wait: a dossier back from completion was already seen by the desk.
      if (ctx.features?.onlineSubmissionAlerts && state.completionRequestCount === 0) {
        add('submission_alert', cal.addDuration(at(state.submittedAt), SUBMISSION_ALERT));
      }
      add(
        'acceptance_reminder',
        cal.subtractForReminder(at(state.acceptBy!), ACCEPTANCE_REMINDER),
        {},
        state.submittedAt,
      );
      add('acceptance_due', at(state.acceptBy!));
      break;
    case 'received':
      if (state.transferAt) add('transfer', at(state.transferAt));
      add('overdue', at(state.dueAt!));
      break;
    case 'processing':
    case 'awaiting_payment':
      // The deadline stands still while the citizen pays; it moves on at the payment.
      if (state.status === 'awaiting_payment' && paymentWaitExcluded(ctx)) break;
      for (const step of state.steps.filter((s) => s.state === 'active' && s.dueAt)) {
        for (const offset of offsets) {
          add(
            'step_reminder',
            cal.subtractForReminder(at(step.dueAt!), offset),
            { stepId: step.id, offset },
            step.startedAt,
          );
        }
        if (ctx.features?.stepOverdueAlerts) add('step_overdue', at(step.dueAt!), { stepId: step.id });
      }
      for (const offset of offsets) {
        add(
          'dossier_reminder',
          cal.subtractForReminder(at(state.dueAt!), offset),
          { offset },
          state.clockStartedAt,
        );
      }
      if (state.extensionCount === 0 && state.substate !== 'correcting') {
        add('escalation', cal.subtractForReminder(at(state.dueAt!), ESCALATION), {}, state.clockStartedAt);
      }
      if (!state.overdue) add('overdue', at(state.dueAt!));
      break;
    case 'awaiting_supplement':
      if (state.substate === 'awaiting_completion') add('completion_closed', at(state.completion!.closeBy));
      else add('supplement_closed', at(state.supplement!.closeBy));
      break;
    case 'returned':
      // Since corrections run as workflows of their own (rules F9), a dossier ends at its return, once
      // nothing else is due; dossiers returned before keep the old window open for a correction.
      if (!ctx.features?.correctionWorkflow) add('archive', correctionWindowEnd(state, ctx));
      else add('archive', latest(at(state.returnedAt!), remittanceAt || undefined));
      break;
    default:
      break;
  }
  return list.filter((t) => !state.firedTimers.includes(t.key));
}

export function nextTimer(state: DossierState, ctx: RuleContext): Timer | undefined {
  return timers(state, ctx).reduce<Timer | undefined>(
    (min, t) => (!min || t.at < min.at ? t : min),
    undefined,
  );
}

export function fireTimer(state: DossierState, timer: Timer, current: RuleContext): Outcome {
  // What a timer does happened at its moment, not whenever the worker got to it.
  const ctx = { ...current, now: timer.at };
  const d = clone(state);
  const out: Notification[] = [];
  d.firedTimers.push(timer.key);
  const when = iso(timer.at);
  const currentAgencies = () => [
    ...new Set(d.steps.filter((s) => s.state === 'active').map((s) => s.agency)),
  ];
  switch (timer.kind) {
    case 'submission_alert':
    case 'acceptance_reminder':
    case 'acceptance_due':
      out.push(
        staff(d, ctx, d.receivingAgency, ['receiver'], 'acceptance_reminder', `${timer.kind}@${when}`, {
          acceptBy: d.acceptBy!,
        }),
      );
      break;
    case 'transfer':
      activatePhase(d, 0, ctx, undefined, out);
      break;
    case 'step_reminder': {
      const step = d.steps.find((s) => s.id === timer.stepId)!;
      out.push(
        staff(d, ctx, step.agency, ['specialist', 'leader'], 'step_reminder', timer.key, {
          stepName: step.name,
          stepDueAt: step.dueAt!,
        }),
      );
      break;
    }
    case 'step_overdue': {
      // A late step makes a late dossier: its agency's leader hears of it while there is time to act.
      const step = d.steps.find((s) => s.id === timer.stepId)!;
      out.push(
        staff(d, ctx, step.agency, ['leader'], 'overdue_alert', timer.key, {
          stepName: step.name,
          stepDueAt: step.dueAt!,
        }),
      );
      break;
    }
    case 'dossier_reminder':
      for (const agency of currentAgencies()) {
        out.push(staff(d, ctx, agency, ['specialist', 'leader'], 'dossier_reminder', timer.key));
      }
      break;
    case 'escalation':
      // One working day before due with no extension: the leader must send the apology now or never (Art. 19(6)).
      for (const agency of currentAgencies()) {
        out.push(
          staff(d, ctx, agency, ['leader'], 'escalation', timer.key, {
            extensionCutoff: iso(ctx.calendar.extensionCutoff(at(d.dueAt!))),
          }),
        );
      }
      break;
    case 'overdue':
      d.overdue = true;
      d.overdueSince = when;
      out.push(citizen(d, ctx, 'overdue_apology', `overdue@${d.dueAt}`));
      for (const agency of currentAgencies().length ? currentAgencies() : [d.receivingAgency]) {
        out.push(staff(d, ctx, agency, ['leader'], 'overdue_alert', `overdue@${d.dueAt}`));
      }
      break;
    case 'completion_closed':
    case 'supplement_closed':
      closeActiveSteps(d);
      d.status = 'stopped';
      d.substate = 'closed_no_supplement';
      d.closedAt = when;
      out.push(citizen(d, ctx, 'closed_no_supplement', 'closed'));
      break;
    case 'archive':
      break;
    case 'fee_remittance':
      out.push(
        staff(d, ctx, d.receivingAgency, ['receiver'], 'fee_remittance_due', timer.key, {
          paidAt: d.payment!.paidAt!,
          amountVnd: d.payment!.amountVnd,
          remitBy: when,
        }),
      );
      break;
  }
  // The end at the return is no event of the dossier's own (the window's end was one): only a new version.
  if (timer.kind === 'archive' && ctx.features?.correctionWorkflow) d.version += 1;
  else record(d, ctx, `timer:${timer.kind}`, SYSTEM_ACTOR, state.status, { key: timer.key });
  return { state: d, notifications: out };
}

function latest(a: Date, b?: Date): Date {
  return b && b > a ? b : a;
}
