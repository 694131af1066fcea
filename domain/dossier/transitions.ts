/** The moves the handlers and timers share: receipt, step activation and completion, the audit record. */
import type { Notification } from '../notifications/notification';
import { formatVietnamDate, vietnamTimeOfDay } from '../calendar/workflow-safe';
import type { StatusKey } from '../status';
import type { StaffRole, Timeliness } from '../vocabulary';
import { CORRECTION_WINDOW, iso, at, type RuleContext } from './context';
import { citizen, staff } from './notices';
import type { Actor, DossierState, StepState } from './types';

export function receive(d: DossierState, ctx: RuleContext, actor: Actor, out: Notification[]) {
  const cal = ctx.calendar;
  const when = ctx.now;
  d.status = 'received';
  d.substate = 'awaiting_transfer';
  d.receivedAt = iso(when);
  d.receivedBy = actor.username;
  startClock(d, ctx);
  d.originalDueAt = d.dueAt;
  const cutoff = ctx.procedure.transferCutoff;
  // Electronic data moves in the system at once (Art. 18(1)); the cut-off is for paper (Art. 18(2)).
  const electronic = d.channel === 'online' && ctx.features?.onlineTransferAtOnce;
  d.transferDueAt = iso(electronic ? when : cal.transferDueAt(when, cutoff));
  // Paper received after the cut-off, or on a day off, moves at the start of the next working day (Art. 18(2));
  // a round-the-clock procedure has no office day to wait for.
  const sameDay =
    electronic ||
    ctx.procedure.calendar === '24x7' ||
    (cal.isWorkingDay(when) && vietnamTimeOfDay(when) < cutoff);
  d.transferAt = iso(sameDay ? when : cal.startOfNextWorkingDay(when));
  out.push(citizen(d, ctx, 'received', 'received'));
  if (d.transferAt === d.receivedAt) activatePhase(d, 0, ctx, actor, out);
}

export function startClock(d: DossierState, ctx: RuleContext) {
  d.clockStartedAt = iso(ctx.now);
  if (ctx.features?.immediateResults && ctx.procedure.immediateResult) d.immediateResult = true;
  d.dueAt = iso(legalDueAt(d, ctx.now, ctx));
  noteDueDate(d, ctx);
  if (!d.extension) d.originalDueAt = d.dueAt;
  d.overdue = false;
  d.overdueSince = undefined;
}

/**
 * What a new due date brings with it. A limit in days ends at midnight, when the desk is closed: the citizen
 * is given its last session that day instead (a limit in hours ends at a moment the desk keeps). And a due
 * date resting on provisional calendar days says so.
 */
export function noteDueDate(d: DossierState, ctx: RuleContext) {
  const due = at(d.dueAt!);
  const provisional = ctx.calendar.provisionalDatesBetween(at(d.clockStartedAt!), due);
  d.dueAtProvisional = provisional.length > 0;
  d.provisionalDates = provisional;
  // Settled while the citizen waits (or the next working day): there is no appointment to give.
  if (d.immediateResult) return;
  if (!ctx.features?.returnAppointments || due.getTime() !== ctx.calendar.endOfDay(due).getTime()) return;
  const { from, to } = ctx.calendar.lastSession(due);
  d.returnAppointment = { from: iso(from), to: iso(to) };
  // The receipt keeps the appointment it gave, as originalDueAt keeps its due date.
  if (!d.extension && d.substate !== 'correcting') d.receiptAppointment = d.returnAppointment;
}

/**
 * The end of the legal limit started at `start`. An immediate result is due at the end of that day, or of
 * the next working day after the cut-off or on a day off (118 Art. 17(4)).
 */
export function legalDueAt(d: DossierState, start: Date, ctx: RuleContext): Date {
  const cal = ctx.calendar;
  if (!d.immediateResult) return cal.addDuration(start, limitOf(d, ctx));
  const sameDay = cal.isWorkingDay(start) && vietnamTimeOfDay(start) < ctx.procedure.transferCutoff;
  const settledOn = sameDay ? start : cal.startOfNextWorkingDay(start);
  return cal.addDuration(settledOn, { amount: 0, unit: 'working_days' });
}

/** The procedure's limit, or its longer one once the agency declared that it must verify. */
function limitOf(d: DossierState, ctx: RuleContext) {
  const verification = ctx.procedure.verification;
  return d.verification && verification ? verification.deadline : ctx.procedure.deadline;
}

export function activatePhase(
  d: DossierState,
  phase: number,
  ctx: RuleContext,
  actor: Actor | undefined,
  out: Notification[],
  /** A dossier sent back to this phase: by whom, and why (on the slip). */
  sentBack?: { from: string; note: string },
) {
  const now = ctx.now;
  const previous = d.steps.filter((s) => s.phase === phase - 1);
  const from = sentBack?.from ?? (previous.length ? previous[previous.length - 1].agency : d.receivingAgency);
  if (phase === 0) {
    d.transferredAt = iso(now);
    d.status = 'processing';
    d.substate = undefined;
  }
  d.currentPhase = phase;
  for (const step of d.steps.filter((s) => s.phase === phase)) {
    step.state = 'active';
    step.startedAt = iso(now);
    step.dueAt = iso(ctx.calendar.addDuration(now, procedureStep(ctx, step.id).duration));
    d.handoffs.push({
      seq: d.handoffs.length + 1,
      stepId: step.id,
      fromAgency: from,
      toAgency: step.agency,
      givenAt: iso(now),
      givenBy: actor?.username,
      dueAt: step.dueAt,
      ...(sentBack && { note: sentBack.note }),
    });
    const roles: StaffRole[] = step.role === 'leader' ? ['leader'] : ['specialist', 'leader'];
    out.push(
      staff(d, ctx, step.agency, roles, 'transferred', `step:${step.id}`, {
        stepName: step.name,
        stepDueAt: step.dueAt,
      }),
    );
  }
}

export function finishStep(d: DossierState, step: StepState, now: Date, actor: Actor, note?: string) {
  step.state = 'done';
  step.completedAt = iso(now);
  step.completedBy = actor.username;
  step.result = timeliness(now, at(step.dueAt!));
  step.note = note;
  const handoff = [...d.handoffs].reverse().find((h) => h.stepId === step.id);
  if (handoff) Object.assign(handoff, { completedAt: step.completedAt, result: step.result });
}

export function decideResult(
  d: DossierState,
  ctx: RuleContext,
  actor: Actor,
  decision: { kind: 'approved' | 'refused'; reason?: string; note?: string },
) {
  closeActiveSteps(d);
  d.decision = { ...decision, at: iso(ctx.now), by: actor.username };
  d.status = 'processed';
  d.substate = undefined;
  d.finishedAt = iso(ctx.now);
  d.onTime = ctx.now <= at(d.dueAt!);
  d.handoffs.push({
    seq: d.handoffs.length + 1,
    fromAgency: actor.agencyCode,
    toAgency: d.receivingAgency,
    givenAt: iso(ctx.now),
    givenBy: actor.username,
    dueAt: d.dueAt,
    completedAt: iso(ctx.now),
    result: timeliness(ctx.now, at(d.dueAt!)),
    note: decision.kind === 'approved' ? 'Trả kết quả về Bộ phận Một cửa' : `Từ chối: ${decision.reason}`,
  });
}

export function closeActiveSteps(d: DossierState) {
  for (const s of d.steps) if (s.state === 'active') s.state = 'done';
}

/** Early when finished before the due day, on time on the due day, late after it (process control slip). */
export function timeliness(done: Date, due: Date): Timeliness {
  if (done > due) return 'late';
  return formatVietnamDate(done) === formatVietnamDate(due) ? 'on_time' : 'early';
}

export function correctionWindowEnd(d: DossierState, ctx: RuleContext): Date {
  return ctx.calendar.addDuration(at(d.returnedAt!), CORRECTION_WINDOW);
}

export function isFinalStep(d: DossierState, step: StepState): boolean {
  return d.steps[d.steps.length - 1].id === step.id;
}

export function procedureStep(ctx: RuleContext, id: string) {
  return ctx.procedure.steps.find((s) => s.id === id)!;
}

export function record(
  d: DossierState,
  ctx: RuleContext,
  action: string,
  actor: Actor,
  from: StatusKey,
  detail?: Record<string, unknown>,
) {
  d.version += 1;
  d.events.push({
    seq: d.events.length + 1,
    action,
    actor: actor.username,
    actorRole: actor.role,
    agencyCode: actor.agencyCode || undefined,
    from,
    to: d.status,
    at: iso(ctx.now),
    detail,
  });
}
