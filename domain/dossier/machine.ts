import type { WorkingCalendar } from '../calendar/workflow-safe';
import { formatVietnamDate, vietnamTimeOfDay } from '../calendar/workflow-safe';
import type { Duration } from '../duration';
import type { Occasion } from '../notifications/occasions';
import { stepPhases, type Procedure } from '../procedure';
import { CLOSED_STATUSES, DOSSIER_STATUSES, WITHDRAWABLE_STATUSES, type StatusKey } from '../status';
import { SYSTEM_ACTOR, type Command, type CommandName, type CommandPayloads } from './commands';
import { DossierRuleError } from './errors';
import type { StaffRole, SubmissionChannel, Timeliness } from '../vocabulary';
import type { Actor, DossierState, StepState, SubmittedDocument } from './types';

/**
 * The one-stop rules of Decree 118/2025 as a pure state machine: given a dossier, an action and the time,
 * it answers the next state and the notifications to send, or refuses with a typed rule error. The dossier
 * workflow owns timers and I/O; everything that decides lives here, so it replays deterministically.
 */
export interface Context {
  now: Date;
  calendar: WorkingCalendar;
  procedure: Procedure;
  /** Behaviour added after dossiers were already running; the workflow turns each on through patched(). */
  features?: { stepOverdueAlerts?: boolean };
}

export type Audience = { kind: 'citizen' } | { kind: 'staff'; agencyCode: string; roles: StaffRole[] };

export interface Notification {
  occasion: Occasion;
  /** Tells repeats of one occasion apart, so each occurrence is sent exactly once. */
  occurrence: string;
  audience: Audience;
  data: Record<string, string | number | string[]>;
}

export interface Outcome {
  state: DossierState;
  notifications: Notification[];
}

export interface DossierStart {
  code: string;
  channel: SubmissionChannel;
  calendarVersion: string;
  submittedAt: string;
  documents: SubmittedDocument[];
  /** Counter and postal dossiers are received by a clerk at once; online ones wait for acceptance. */
  receivedBy?: Actor;
}

/** Online submissions are accepted or returned for completion within 8 working hours (118 Art. 17(2)). */
export const ONLINE_ACCEPTANCE: Duration = { amount: 8, unit: 'working_hours' };
/** The citizen has 15 days to bring the supplement before the dossier is closed (118 Art. 19(5)). */
export const SUPPLEMENT_WINDOW: Duration = { amount: 15, unit: 'days' };
/** A wrong result caused by the agency is corrected within 3 working days (118 Art. 23(1)). */
export const CORRECTION_LIMIT: Duration = { amount: 3, unit: 'working_days' };
/** How long after the return the dossier stays open for a correction of its result. */
export const CORRECTION_WINDOW: Duration = { amount: 30, unit: 'days' };
const ACCEPTANCE_REMINDER: Duration = { amount: 2, unit: 'working_hours' };
const ESCALATION: Duration = { amount: 1, unit: 'working_days' };

const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);
const clone = (s: DossierState): DossierState => JSON.parse(JSON.stringify(s)) as DossierState;

export function isClosed(state: DossierState): boolean {
  return CLOSED_STATUSES.includes(state.status);
}

export function startDossier(input: DossierStart, ctx: Context): Outcome {
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
    receivingAgency: procedure.receivingAgency,
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
    record(draft, ctx, 'receive', input.receivedBy, 'submitted');
  } else {
    draft.substate = 'awaiting_acceptance';
    draft.acceptBy = iso(ctx.calendar.addDuration(submittedAt, ONLINE_ACCEPTANCE));
    record(draft, ctx, 'submit', { ...SYSTEM_ACTOR, username: 'citizen' }, 'submitted');
  }
  return { state: draft, notifications };
}

type Handler<K extends CommandName> = (
  draft: DossierState,
  payload: CommandPayloads[K],
  actor: Actor,
  ctx: Context,
  out: Notification[],
) => void;

/** Who may act, checked before the state is looked at; the API refuses other roles up front. */
export const ACTION_ROLES: { [K in CommandName]: readonly Actor['role'][] } = {
  accept: ['receiver'],
  requestCompletion: ['receiver'],
  refuse: ['receiver', 'specialist', 'leader'],
  completeStep: ['specialist', 'leader'],
  requestSupplement: ['specialist', 'leader'],
  supplement: ['receiver'],
  requestPayment: ['specialist', 'leader'],
  confirmPayment: ['receiver', 'system'],
  extend: ['leader'],
  approve: ['leader'],
  returnResult: ['receiver'],
  withdraw: ['receiver'],
  requestCorrection: ['receiver', 'leader'],
};

const HANDLERS: { [K in CommandName]: Handler<K> } = {
  accept(d, _p, actor, ctx, out) {
    expectStatus(d, ['submitted']);
    expectReceivingAgency(d, actor);
    receive(d, ctx, actor, out);
    out.push(citizen(d, ctx, 'submission_accepted', 'accepted'));
  },

  requestCompletion(d, p, actor, ctx, out) {
    if (d.completionRequestCount > 0) {
      throw new DossierRuleError(
        'COMPLETION_ALREADY_REQUESTED',
        'chỉ được yêu cầu bổ sung, hoàn thiện hồ sơ một lần (Nghị định 118/2025, Điều 16(3))',
      );
    }
    expectStatus(d, ['submitted']);
    expectReceivingAgency(d, actor);
    const closeBy = iso(ctx.calendar.addDuration(ctx.now, SUPPLEMENT_WINDOW));
    d.completion = { requestedAt: iso(ctx.now), requestedBy: actor.username, ...p, closeBy };
    d.completionRequestCount += 1;
    d.status = 'awaiting_supplement';
    d.substate = 'awaiting_completion';
    out.push(
      citizen(d, ctx, 'completion_requested', 'completion', {
        reason: p.reason,
        documents: p.missingDocuments,
        closeBy,
      }),
    );
  },

  refuse(d, p, actor, ctx, out) {
    if (d.status === 'submitted' || d.substate === 'awaiting_completion') {
      if (actor.role !== 'receiver') forbid('only the receiving desk refuses at reception');
      expectReceivingAgency(d, actor);
      d.refusal = { at: iso(ctx.now), by: actor.username, reason: p.reason, stage: 'reception' };
      d.status = 'not_accepted';
      d.substate = undefined;
      d.closedAt = iso(ctx.now);
    } else {
      expectStatus(d, ['processing']);
      if (actor.role === 'receiver') forbid('after reception only the competent agency refuses');
      expectCurrentAgency(d, actor);
      // A refusal after appraisal is a result of its own, returned through the One-stop (118 Art. 19(3)).
      d.refusal = { at: iso(ctx.now), by: actor.username, reason: p.reason, stage: 'appraisal' };
      decideResult(d, ctx, actor, { kind: 'refused', reason: p.reason });
    }
    out.push(citizen(d, ctx, 'refused', 'refused', { reason: p.reason }));
  },

  completeStep(d, p, actor, ctx, out) {
    expectStatus(d, ['processing']);
    const step = d.steps.find((s) => s.id === p.stepId);
    if (!step || step.state !== 'active') {
      throw new DossierRuleError('STEP_NOT_CURRENT', `step ${p.stepId} is not a current step of ${d.code}`);
    }
    if (step.agency !== actor.agencyCode) forbid(`step ${step.id} belongs to ${step.agency}`);
    if (step.role === 'leader' && actor.role !== 'leader') forbid(`step ${step.id} is signed by a leader`);
    if (isFinalStep(d, step)) {
      throw new DossierRuleError(
        'INVALID_TRANSITION',
        `step ${step.id} is the decision: approve or refuse the dossier`,
      );
    }
    finishStep(d, step, ctx.now, actor, p.note);
    const phaseDone = d.steps.filter((s) => s.phase === d.currentPhase).every((s) => s.state === 'done');
    if (phaseDone) activatePhase(d, d.currentPhase + 1, ctx, actor, out);
  },

  requestSupplement(d, p, actor, ctx, out) {
    if (d.supplementCount > 0) {
      throw new DossierRuleError(
        'SUPPLEMENT_ALREADY_REQUESTED',
        'hồ sơ chỉ được yêu cầu bổ sung một lần (Nghị định 118/2025, Điều 11(2)(c))',
      );
    }
    expectStatus(d, ['processing']);
    expectCurrentAgency(d, actor);
    const closeBy = iso(ctx.calendar.addDuration(ctx.now, SUPPLEMENT_WINDOW));
    d.supplement = {
      requestedAt: iso(ctx.now),
      requestedBy: actor.username,
      agency: actor.agencyCode,
      reason: p.reason,
      documents: p.documents,
      closeBy,
    };
    d.supplementCount += 1;
    d.status = 'awaiting_supplement';
    out.push(
      citizen(d, ctx, 'supplement_requested', 'supplement', {
        reason: p.reason,
        documents: p.documents,
        closeBy,
      }),
    );
  },

  supplement(d, p, actor, ctx, out) {
    expectStatus(d, ['awaiting_supplement']);
    expectReceivingAgency(d, actor);
    d.documents.push(...p.documents);
    if (d.substate === 'awaiting_completion') {
      // Completed before acceptance: the 8 working hours to accept start again.
      d.status = 'submitted';
      d.substate = 'awaiting_acceptance';
      d.acceptBy = iso(ctx.calendar.addDuration(ctx.now, ONLINE_ACCEPTANCE));
      return;
    }
    // The time limit is counted again from zero, it does not resume (118 Art. 19(5)).
    d.supplement!.receivedAt = iso(ctx.now);
    d.status = 'processing';
    startClock(d, ctx);
    for (const step of d.steps.filter((s) => s.state === 'active')) {
      step.dueAt = iso(ctx.calendar.addDuration(ctx.now, procedureStep(ctx, step.id).duration));
      d.handoffs.push({
        seq: d.handoffs.length + 1,
        stepId: step.id,
        fromAgency: d.receivingAgency,
        toAgency: step.agency,
        givenAt: iso(ctx.now),
        givenBy: actor.username,
        dueAt: step.dueAt,
        note: 'Hồ sơ bổ sung',
      });
      out.push(
        staff(d, ctx, step.agency, ['specialist', 'leader'], 'supplement_received', `step:${step.id}`),
      );
    }
    out.push(citizen(d, ctx, 'supplement_received', 'supplement'));
  },

  requestPayment(d, p, actor, ctx, out) {
    if (!ctx.procedure.financialObligation) {
      throw new DossierRuleError('PAYMENT_NOT_REQUIRED', `${ctx.procedure.code} has no financial obligation`);
    }
    expectStatus(d, ['processing']);
    if (d.payment)
      throw new DossierRuleError('INVALID_TRANSITION', 'the financial obligation was already notified');
    expectCurrentAgency(d, actor);
    d.payment = {
      requestedAt: iso(ctx.now),
      requestedBy: actor.username,
      amountVnd: p.amountVnd,
      reason: p.reason,
    };
    d.status = 'awaiting_payment';
    out.push(citizen(d, ctx, 'payment_requested', 'payment', { amountVnd: p.amountVnd, reason: p.reason }));
  },

  confirmPayment(d, p, actor, ctx) {
    expectStatus(d, ['awaiting_payment']);
    if (actor.role !== 'system') expectReceivingAgency(d, actor);
    d.payment!.paidAt = iso(ctx.now);
    d.payment!.reference = p.reference;
    d.status = 'processing';
  },

  extend(d, p, actor, ctx, out) {
    if (d.extensionCount > 0) {
      throw new DossierRuleError(
        'EXTENSION_ALREADY_USED',
        'chỉ được hẹn lại ngày trả kết quả không quá một lần (Nghị định 118/2025, Điều 19(6))',
      );
    }
    expectStatus(d, ['processing', 'awaiting_payment']);
    expectCurrentAgency(d, actor);
    const due = at(d.dueAt!);
    const cutoff = ctx.calendar.extensionCutoff(due);
    if (ctx.now > cutoff) {
      throw new DossierRuleError(
        'EXTENSION_TOO_LATE',
        `gia hạn chậm nhất 01 ngày trước hạn (${formatVietnamDate(cutoff)}); hạn trả là ${formatVietnamDate(due)}`,
      );
    }
    const requested = at(p.newDueAt);
    if (Number.isNaN(requested.getTime()) || requested <= due) {
      throw new DossierRuleError('VALIDATION_FAILED', 'newDueAt must be a date after the current due date');
    }
    // The new appointment is a day: it runs to the end of that day, rolled to a working day like any limit.
    const newDue = ctx.calendar.addDuration(requested, { amount: 0, unit: 'working_days' });
    d.extension = {
      issuedAt: iso(ctx.now),
      issuedBy: actor.username,
      reason: p.reason,
      previousDueAt: d.dueAt!,
      newDueAt: iso(newDue),
    };
    d.extensionCount += 1;
    d.dueAt = iso(newDue);
    out.push(
      citizen(d, ctx, 'extended', 'extension', {
        reason: p.reason,
        previousDueAt: d.extension.previousDueAt,
      }),
    );
  },

  approve(d, p, actor, ctx, out) {
    expectStatus(d, ['processing']);
    const final = d.steps[d.steps.length - 1];
    if (final.state !== 'active') {
      throw new DossierRuleError('STEP_NOT_CURRENT', `the decision step ${final.id} is not reached yet`);
    }
    if (final.agency !== actor.agencyCode) forbid(`the decision belongs to the leader of ${final.agency}`);
    finishStep(d, final, ctx.now, actor, p.note);
    decideResult(d, ctx, actor, { kind: 'approved', note: p.note });
    out.push(citizen(d, ctx, 'result_ready', `result:${d.correction?.count ?? 0}`));
    out.push(
      staff(d, ctx, d.receivingAgency, ['receiver'], 'result_ready', `result:${d.correction?.count ?? 0}`),
    );
  },

  returnResult(d, p, actor, ctx, out) {
    expectStatus(d, ['processed']);
    expectReceivingAgency(d, actor);
    const round = `return:${d.correction?.count ?? 0}`;
    // An early return is welcome, but the citizen is told beforehand (118 Art. 22(5)).
    if (d.dueAt && ctx.now < at(d.dueAt)) out.push(citizen(d, ctx, 'early_return_notice', round));
    d.status = 'returned';
    d.substate = undefined;
    d.returnedAt = iso(ctx.now);
    d.returnMethod = p.method;
    out.push(citizen(d, ctx, 'returned', round, { method: p.method }));
    if (!d.correction) out.push(citizen(d, ctx, 'rating_invitation', 'rating'));
  },

  withdraw(d, p, actor, ctx, out) {
    expectStatus(d, WITHDRAWABLE_STATUSES);
    expectReceivingAgency(d, actor);
    d.withdrawal = { at: iso(ctx.now), by: actor.username, reason: p.reason };
    closeActiveSteps(d);
    d.status = 'withdrawn';
    d.substate = undefined;
    d.closedAt = iso(ctx.now);
    out.push(citizen(d, ctx, 'withdrawn', 'withdrawn'));
  },

  requestCorrection(d, p, actor, ctx, out) {
    if (d.status !== 'returned' || d.decision?.kind !== 'approved') {
      throw new DossierRuleError('INVALID_TRANSITION', 'only a returned result can be corrected');
    }
    if (ctx.now > correctionWindowEnd(d, ctx)) {
      throw new DossierRuleError(
        'CORRECTION_WINDOW_CLOSED',
        'the correction window of this dossier has ended',
      );
    }
    if (actor.role === 'receiver') expectReceivingAgency(d, actor);
    const final = d.steps[d.steps.length - 1];
    if (actor.role === 'leader' && actor.agencyCode !== final.agency)
      forbid(`the result was issued by ${final.agency}`);
    const dueAt = iso(ctx.calendar.addDuration(ctx.now, CORRECTION_LIMIT));
    d.correction = {
      requestedAt: iso(ctx.now),
      requestedBy: actor.username,
      reason: p.reason,
      dueAt,
      count: (d.correction?.count ?? 0) + 1,
    };
    d.status = 'processing';
    d.substate = 'correcting';
    d.dueAt = dueAt;
    Object.assign(final, {
      state: 'active',
      startedAt: iso(ctx.now),
      dueAt,
      completedAt: undefined,
      result: undefined,
    });
    d.handoffs.push({
      seq: d.handoffs.length + 1,
      stepId: final.id,
      fromAgency: d.receivingAgency,
      toAgency: final.agency,
      givenAt: iso(ctx.now),
      givenBy: actor.username,
      dueAt,
      note: `Đính chính kết quả: ${p.reason}`,
    });
    out.push(staff(d, ctx, final.agency, ['leader'], 'transferred', `correction:${d.correction.count}`));
  },
};

export function decide(state: DossierState, command: Command, ctx: Context): Outcome {
  const { actor } = command;
  if (isClosed(state) && !(command.name === 'requestCorrection' && state.status === 'returned')) {
    throw new DossierRuleError('DOSSIER_CLOSED', `dossier ${state.code} is closed (${state.status})`);
  }
  if (!ACTION_ROLES[command.name].includes(actor.role)) forbid(`a ${actor.role} may not ${command.name}`);
  const draft = clone(state);
  const notifications: Notification[] = [];
  const handler = HANDLERS[command.name] as Handler<CommandName>;
  handler(draft, command.payload, actor, ctx, notifications);
  record(draft, ctx, command.name, actor, state.status, command.payload as Record<string, unknown>);
  return { state: draft, notifications };
}

export type TimerKind =
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
  | 'archive';

export interface Timer {
  key: string;
  kind: TimerKind;
  at: Date;
  stepId?: string;
  offset?: Duration;
}

/** Every timer the dossier's current state calls for, fired or not; keyed so that each fires once. */
export function timers(state: DossierState, ctx: Context): Timer[] {
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
  switch (state.status) {
    case 'submitted':
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
      add('archive', correctionWindowEnd(state, ctx));
      break;
    default:
      break;
  }
  return list.filter((t) => !state.firedTimers.includes(t.key));
}

export function nextTimer(state: DossierState, ctx: Context): Timer | undefined {
  return timers(state, ctx).reduce<Timer | undefined>(
    (min, t) => (!min || t.at < min.at ? t : min),
    undefined,
  );
}

export function fireTimer(state: DossierState, timer: Timer, current: Context): Outcome {
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
  }
  record(d, ctx, `timer:${timer.kind}`, SYSTEM_ACTOR, state.status, { key: timer.key });
  return { state: d, notifications: out };
}

/** The workflow ends once nothing more can happen to the dossier. */
export function isFinished(state: DossierState): boolean {
  if (state.status === 'returned') return state.firedTimers.some((k) => k.startsWith('archive'));
  return isClosed(state);
}

function receive(d: DossierState, ctx: Context, actor: Actor, out: Notification[]) {
  const cal = ctx.calendar;
  const when = ctx.now;
  d.status = 'received';
  d.substate = 'awaiting_transfer';
  d.receivedAt = iso(when);
  d.receivedBy = actor.username;
  startClock(d, ctx);
  d.originalDueAt = d.dueAt;
  const cutoff = ctx.procedure.transferCutoff;
  d.transferDueAt = iso(cal.transferDueAt(when, cutoff));
  // Paper received after the cut-off, or on a day off, moves at the start of the next working day (Art. 18(2));
  // a round-the-clock procedure has no office day to wait for.
  const sameDay =
    ctx.procedure.calendar === '24x7' || (cal.isWorkingDay(when) && vietnamTimeOfDay(when) < cutoff);
  d.transferAt = iso(sameDay ? when : cal.startOfNextWorkingDay(when));
  out.push(citizen(d, ctx, 'received', 'received'));
  if (d.transferAt === d.receivedAt) activatePhase(d, 0, ctx, actor, out);
}

function startClock(d: DossierState, ctx: Context) {
  d.clockStartedAt = iso(ctx.now);
  d.dueAt = iso(ctx.calendar.addDuration(ctx.now, ctx.procedure.deadline));
  if (!d.extension) d.originalDueAt = d.dueAt;
  d.overdue = false;
  d.overdueSince = undefined;
}

function activatePhase(
  d: DossierState,
  phase: number,
  ctx: Context,
  actor: Actor | undefined,
  out: Notification[],
) {
  const now = ctx.now;
  const previous = d.steps.filter((s) => s.phase === phase - 1);
  const from = previous.length ? previous[previous.length - 1].agency : d.receivingAgency;
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

function finishStep(d: DossierState, step: StepState, now: Date, actor: Actor, note?: string) {
  step.state = 'done';
  step.completedAt = iso(now);
  step.completedBy = actor.username;
  step.result = timeliness(now, at(step.dueAt!));
  step.note = note;
  const handoff = [...d.handoffs].reverse().find((h) => h.stepId === step.id);
  if (handoff) Object.assign(handoff, { completedAt: step.completedAt, result: step.result });
}

function decideResult(
  d: DossierState,
  ctx: Context,
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

function closeActiveSteps(d: DossierState) {
  for (const s of d.steps) if (s.state === 'active') s.state = 'done';
}

/** Early when finished before the due day, on time on the due day, late after it (process control slip). */
function timeliness(done: Date, due: Date): Timeliness {
  if (done > due) return 'late';
  return formatVietnamDate(done) === formatVietnamDate(due) ? 'on_time' : 'early';
}

function correctionWindowEnd(d: DossierState, ctx: Context): Date {
  return ctx.calendar.addDuration(at(d.returnedAt!), CORRECTION_WINDOW);
}

function isFinalStep(d: DossierState, step: StepState): boolean {
  return d.steps[d.steps.length - 1].id === step.id;
}

function procedureStep(ctx: Context, id: string) {
  return ctx.procedure.steps.find((s) => s.id === id)!;
}

function expectStatus(d: DossierState, allowed: readonly StatusKey[]) {
  if (!allowed.includes(d.status)) {
    throw new DossierRuleError(
      'INVALID_TRANSITION',
      `not allowed while the dossier is "${DOSSIER_STATUSES[d.status].label}" (${d.status})`,
    );
  }
}

function expectReceivingAgency(d: DossierState, actor: Actor) {
  if (actor.agencyCode !== d.receivingAgency) forbid(`dossier ${d.code} is received by ${d.receivingAgency}`);
}

function expectCurrentAgency(d: DossierState, actor: Actor) {
  const holders = d.steps.filter((s) => s.state === 'active').map((s) => s.agency);
  if (!holders.includes(actor.agencyCode))
    forbid(`dossier ${d.code} is held by ${holders.join(', ') || 'no agency'}`);
}

function forbid(message: string): never {
  throw new DossierRuleError('FORBIDDEN', message);
}

function record(
  d: DossierState,
  ctx: Context,
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

function baseData(d: DossierState, ctx: Context): Record<string, string | number | string[]> {
  const data: Record<string, string | number | string[]> = {
    code: d.code,
    procedureName: ctx.procedure.name,
    procedureCode: ctx.procedure.code,
    status: DOSSIER_STATUSES[d.status].label,
  };
  for (const key of ['submittedAt', 'receivedAt', 'dueAt', 'originalDueAt', 'acceptBy'] as const) {
    if (d[key]) data[key] = d[key]!;
  }
  return data;
}

function citizen(
  d: DossierState,
  ctx: Context,
  occasion: Occasion,
  occurrence: string,
  extra: Record<string, string | number | string[]> = {},
): Notification {
  return { occasion, occurrence, audience: { kind: 'citizen' }, data: { ...baseData(d, ctx), ...extra } };
}

function staff(
  d: DossierState,
  ctx: Context,
  agencyCode: string,
  roles: StaffRole[],
  occasion: Occasion,
  occurrence: string,
  extra: Record<string, string | number | string[]> = {},
): Notification {
  return {
    occasion,
    occurrence,
    audience: { kind: 'staff', agencyCode, roles },
    data: { ...baseData(d, ctx), ...extra },
  };
}
