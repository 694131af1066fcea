/**
 * A new calendar version reaching a running dossier (docs/calendar.md "When a notice is published"):
 * its deadlines are counted again, from the same starts, on the new working days.
 */
import type { Notification } from '../notifications/notification';
import { SYSTEM_ACTOR } from './commands';
import {
  CORRECTION_LIMIT,
  ONLINE_ACCEPTANCE,
  at,
  clone,
  iso,
  type Outcome,
  type RuleContext,
} from './context';
import { citizen } from './notices';
import { legalDueAt, noteDueDate, procedureStep, record } from './transitions';
import type { DossierState } from './types';

/**
 * The dossier on `ctx.calendar`, or undefined when it already lives by that version. Limits restart from
 * the moment they started (the receipt, or a complete supplement, which restarts the clock: 118 Art.
 * 19(5)); a decided dossier keeps the dates it was judged by; an extension is a date, not a count, so it
 * stays. The citizen is told once per version when the return date moves.
 */
export function adoptCalendar(state: DossierState, ctx: RuleContext): Outcome | undefined {
  const version = ctx.calendar.version;
  if (state.calendarVersion === version) return undefined;
  const d = clone(state);
  const notifications: Notification[] = [];
  const previousDueAt = d.dueAt;
  d.calendarVersion = version;
  const cal = ctx.calendar;
  if (d.status === 'submitted' && d.substate === 'awaiting_acceptance' && d.acceptBy) {
    d.acceptBy = iso(cal.addDuration(at(d.submittedAt), ONLINE_ACCEPTANCE));
  }
  const open = !d.decision || d.substate === 'correcting';
  if (open && d.clockStartedAt && d.dueAt) {
    if (d.correction && d.substate === 'correcting') {
      d.dueAt = iso(cal.addDuration(at(d.correction.requestedAt), CORRECTION_LIMIT));
      d.correction.dueAt = d.dueAt;
    } else if (!d.extension) {
      d.dueAt = iso(legalDueAt(d, at(d.clockStartedAt), ctx));
      d.originalDueAt = d.dueAt;
    }
    noteDueDate(d, ctx);
    if (d.overdue && ctx.now <= at(d.dueAt)) {
      d.overdue = false;
      d.overdueSince = undefined;
    }
    for (const step of d.steps.filter((s) => s.state === 'active' && s.startedAt)) {
      step.dueAt =
        d.substate === 'correcting'
          ? d.dueAt
          : iso(cal.addDuration(at(step.startedAt!), procedureStep(ctx, step.id).duration));
      const handoff = [...d.handoffs].reverse().find((h) => h.stepId === step.id);
      if (handoff) handoff.dueAt = step.dueAt;
    }
  }
  if (previousDueAt !== d.dueAt) {
    notifications.push(
      citizen(d, ctx, 'due_date_moved', `calendar:${version}`, { previousDueAt: previousDueAt! }),
    );
  }
  record(d, ctx, 'adoptCalendar', SYSTEM_ACTOR, state.status, {
    calendarVersion: version,
    previousCalendarVersion: state.calendarVersion,
    ...(previousDueAt !== d.dueAt ? { previousDueAt, dueAt: d.dueAt } : {}),
    dueAtProvisional: d.dueAtProvisional ?? false,
  });
  return { state: d, notifications };
}
