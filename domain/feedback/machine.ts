/**
 * A feedback case (phản ánh, kiến nghị; `docs/rules.md` N1–N4) as a pure state machine, like the
 * dossier's: given a case, an action and the time, it answers the next state and the messages to send,
 * or refuses with a typed error; the timers a state calls for, and what each does when it fires. The
 * workflow owns the I/O.
 */
import type { WorkingCalendar } from '../calendar/workflow-safe';
import type { Duration } from '../duration';
import type { Notification } from '../notifications/notification';
import type { Occasion } from '../notifications/occasions';
import type { StaffRole } from '../vocabulary';
import type { FeedbackCommand, FeedbackCommandName, FeedbackPayloads } from './commands';
import { FeedbackRuleError } from './errors';
import {
  HANDLING_LIMIT,
  HANDLING_REMINDER,
  PUBLISH_LIMIT,
  RATING_WINDOW,
  REJECT_LIMIT,
  REMINDER,
  SUPPLEMENT_REQUEST_LIMIT,
  SUPPLEMENT_WINDOW,
} from './limits';
import { CITIZEN, type FeedbackActor, type FeedbackState } from './types';
import type { FeedbackStatus } from './vocabulary';

export interface FeedbackContext {
  now: Date;
  calendar: WorkingCalendar;
}

export interface FeedbackOutcome {
  state: FeedbackState;
  notifications: Notification[];
}

/** The state's opening facts, as the desk or the web form gives them. */
export type FeedbackStart = Pick<
  FeedbackState,
  | 'code'
  | 'category'
  | 'channel'
  | 'desk'
  | 'dossierCode'
  | 'raisedFrom'
  | 'consentToPublish'
  | 'calendarVersion'
  | 'receivedAt'
> & {
  /** The clerk who took it on the citizen's behalf; the citizen on the web. */
  receivedBy: FeedbackActor;
};

const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);
const clone = (s: FeedbackState): FeedbackState => JSON.parse(JSON.stringify(s)) as FeedbackState;

/** Who may take each action: the contract's roles. The agency checks follow in the handlers. */
export const FEEDBACK_ACTION_ROLES: Record<FeedbackCommandName, ReadonlyArray<FeedbackActor['role']>> = {
  reject: ['receiver', 'leader'],
  requestSupplement: ['receiver', 'specialist'],
  supplement: ['citizen'],
  assign: ['receiver', 'leader'],
  answer: ['specialist', 'leader'],
  publish: ['leader', 'receiver'],
  rate: ['citizen'],
};

const FINAL: readonly FeedbackStatus[] = ['rejected', 'closed'];

export function startFeedback(input: FeedbackStart, ctx: FeedbackContext): FeedbackOutcome {
  const received = at(input.receivedAt);
  const cal = ctx.calendar;
  const state: FeedbackState = {
    code: input.code,
    category: input.category,
    channel: input.channel,
    desk: input.desk,
    ...(input.dossierCode ? { dossierCode: input.dossierCode } : {}),
    ...(input.raisedFrom ? { raisedFrom: input.raisedFrom } : {}),
    consentToPublish: input.consentToPublish,
    calendarVersion: input.calendarVersion,
    status: 'received',
    receivedAt: input.receivedAt,
    receivedBy: input.receivedBy.username,
    rejectBy: iso(cal.addDuration(received, REJECT_LIMIT)),
    supplementBy: iso(cal.addDuration(received, SUPPLEMENT_REQUEST_LIMIT)),
    dueAt: iso(cal.addDuration(received, HANDLING_LIMIT)),
    overdue: false,
    firedTimers: [],
    version: 0,
    events: [],
  };
  const notifications = [
    citizen(state, 'feedback_received', 'received'),
    staff(state, state.desk, ['receiver'], 'feedback_assigned', 'received'),
  ];
  record(state, { ...ctx, now: received }, 'receive', input.receivedBy, 'received');
  return { state, notifications };
}

export function decide(
  state: FeedbackState,
  command: FeedbackCommand,
  ctx: FeedbackContext,
): FeedbackOutcome {
  const { actor } = command;
  if (FINAL.includes(state.status)) {
    throw new FeedbackRuleError('FEEDBACK_CLOSED', `feedback ${state.code} is ${state.status}`);
  }
  if (!FEEDBACK_ACTION_ROLES[command.name].includes(actor.role)) {
    throw new FeedbackRuleError('FORBIDDEN', `a ${actor.role} may not ${command.name}`);
  }
  const draft = clone(state);
  const out: Notification[] = [];
  const handler = HANDLERS[command.name] as Handler<FeedbackCommandName>;
  handler(draft, command.payload, actor, ctx, out);
  record(draft, ctx, command.name, actor, state.status, command.payload);
  return { state: draft, notifications: out };
}

type Handler<K extends FeedbackCommandName> = (
  d: FeedbackState,
  payload: FeedbackPayloads[K],
  actor: FeedbackActor,
  ctx: FeedbackContext,
  out: Notification[],
) => void;

function expectStatus(d: FeedbackState, action: string, ...allowed: FeedbackStatus[]) {
  if (!allowed.includes(d.status)) {
    throw new FeedbackRuleError('INVALID_TRANSITION', `cannot ${action} feedback ${d.code} in ${d.status}`);
  }
}

function forbidUnless(ok: boolean, why: string) {
  if (!ok) throw new FeedbackRuleError('FORBIDDEN', why);
}

/** The agency that holds the case now: the one assigned, else the desk. */
const holder = (d: FeedbackState) => d.assignedAgency ?? d.desk;
/** Leaders act for the desk or for the agency that holds the case. */
const leadsCase = (d: FeedbackState, a: FeedbackActor) =>
  a.agencyCode === d.desk || a.agencyCode === holder(d);

const HANDLERS: { [K in FeedbackCommandName]: Handler<K> } = {
  reject(d, { reason }, actor, ctx, out) {
    expectStatus(d, 'reject', 'received', 'processing');
    if (actor.role === 'leader') forbidUnless(leadsCase(d, actor), 'only the desk or the agency holding it');
    d.status = 'rejected';
    d.rejection = { at: iso(ctx.now), by: actor.username, reason };
    d.closedAt = iso(ctx.now);
    out.push(citizen(d, 'feedback_rejected', 'rejected', { reason }));
  },
  requestSupplement(d, { reason }, actor, ctx, out) {
    expectStatus(d, 'ask for more on', 'received', 'processing');
    if (actor.role === 'specialist')
      forbidUnless(actor.agencyCode === holder(d), 'not the agency holding it');
    if (d.supplement) {
      throw new FeedbackRuleError(
        'SUPPLEMENT_ALREADY_REQUESTED',
        `feedback ${d.code} was asked for more once`,
      );
    }
    if (ctx.now > at(d.supplementBy)) {
      throw new FeedbackRuleError('SUPPLEMENT_TOO_LATE', `more may be asked for until ${d.supplementBy}`);
    }
    const closeBy = iso(ctx.calendar.addDuration(ctx.now, SUPPLEMENT_WINDOW));
    d.supplement = {
      requestedAt: iso(ctx.now),
      requestedBy: actor.username,
      reason,
      returnTo: d.status === 'processing' ? 'processing' : 'received',
      closeBy,
    };
    d.status = 'awaiting_supplement';
    out.push(citizen(d, 'feedback_supplement_requested', 'supplement', { reason, closeBy }));
  },
  supplement(d, _payload, _actor, ctx, out) {
    expectStatus(d, 'add to', 'awaiting_supplement');
    const s = d.supplement!;
    s.receivedAt = iso(ctx.now);
    d.status = s.returnTo;
    // As for a dossier's supplement, the handling time starts again once the citizen has answered.
    d.dueAt = iso(ctx.calendar.addDuration(ctx.now, HANDLING_LIMIT));
    out.push(staff(d, holder(d), ['receiver', 'specialist'], 'feedback_supplement_received', 'supplement'));
  },
  assign(d, { agency }, actor, ctx, out) {
    expectStatus(d, 'assign', 'received', 'processing');
    if (actor.role === 'leader') forbidUnless(actor.agencyCode === d.desk, 'only the desk routes a case');
    d.assignedAgency = agency;
    d.status = 'processing';
    out.push(staff(d, agency, ['specialist', 'leader'], 'feedback_assigned', `assign:${d.version + 1}`));
  },
  answer(d, { answer }, actor, ctx, out) {
    expectStatus(d, 'answer', 'processing');
    forbidUnless(actor.agencyCode === d.assignedAgency, 'only the agency assigned answers');
    const now = iso(ctx.now);
    d.status = 'answered';
    d.answer = { at: now, by: actor.username, agency: actor.agencyCode, text: answer };
    d.onTime = ctx.now <= at(d.dueAt);
    if (d.consentToPublish) d.publishBy = iso(ctx.calendar.addDuration(ctx.now, PUBLISH_LIMIT));
    out.push(citizen(d, 'feedback_answered', 'answered', { answer }));
  },
  publish(d, _payload, actor, ctx, out) {
    expectStatus(d, 'publish', 'answered');
    if (actor.role === 'leader') forbidUnless(leadsCase(d, actor), 'only the desk or the agency holding it');
    if (!d.consentToPublish) {
      throw new FeedbackRuleError('NO_CONSENT_TO_PUBLISH', `the citizen did not agree to publish ${d.code}`);
    }
    d.status = 'published';
    d.publishedAt = iso(ctx.now);
    out.push(citizen(d, 'feedback_published', 'published'));
    if (d.rating) close(d, ctx);
  },
  rate(d, { satisfied }, _actor, ctx) {
    expectStatus(d, 'rate', 'answered', 'published');
    if (d.rating) throw new FeedbackRuleError('ALREADY_RATED', `feedback ${d.code} was rated already`);
    d.rating = { at: iso(ctx.now), satisfied };
    // An answer still to be published keeps the case open for it.
    if (!awaitingPublication(d)) close(d, ctx);
  },
};

const awaitingPublication = (d: FeedbackState) => d.status === 'answered' && d.consentToPublish;

function close(d: FeedbackState, ctx: FeedbackContext) {
  d.status = 'closed';
  d.closedAt = iso(ctx.now);
}

export function isFinished(state: FeedbackState): boolean {
  return FINAL.includes(state.status);
}

export type FeedbackTimerKind =
  | 'reject_reminder'
  | 'reject_escalation'
  | 'supplement_reminder'
  | 'handling_reminder'
  | 'handling_escalation'
  | 'publish_reminder'
  | 'publish_escalation'
  | 'supplement_closed'
  | 'rating_closed';

export interface FeedbackTimer {
  key: string;
  kind: FeedbackTimerKind;
  at: Date;
}

/** Every timer the case's state calls for, fired or not; keyed by kind and moment so each fires once. */
export function feedbackTimers(d: FeedbackState, ctx: FeedbackContext): FeedbackTimer[] {
  const cal = ctx.calendar;
  const list: FeedbackTimer[] = [];
  const add = (kind: FeedbackTimerKind, when: Date, after?: string) => {
    // A reminder whose moment passed before its subject began would only be noise.
    if (after && when <= at(after)) return;
    list.push({ key: `${kind}@${iso(when)}`, kind, at: when });
  };
  const remind = (kind: FeedbackTimerKind, due: string, offset: Duration, after: string) =>
    add(kind, cal.subtractForReminder(at(due), offset), after);
  const open = d.status === 'received' || d.status === 'processing';
  if (d.status === 'received') {
    // Nobody has yet decided whether the case is for us: reject it or route it (`docs/rules.md` N2).
    remind('reject_reminder', d.rejectBy, REMINDER, d.receivedAt);
    add('reject_escalation', at(d.rejectBy));
  }
  if (open && !d.supplement) remind('supplement_reminder', d.supplementBy, REMINDER, d.receivedAt);
  if (open) {
    const start = d.supplement?.receivedAt ?? d.receivedAt;
    remind('handling_reminder', d.dueAt, HANDLING_REMINDER, start);
    if (!d.overdue) add('handling_escalation', at(d.dueAt));
  }
  if (d.status === 'awaiting_supplement') add('supplement_closed', at(d.supplement!.closeBy));
  if (awaitingPublication(d)) {
    remind('publish_reminder', d.publishBy!, REMINDER, d.answer!.at);
    add('publish_escalation', at(d.publishBy!));
  }
  if ((d.status === 'answered' && !d.consentToPublish) || d.status === 'published') {
    add('rating_closed', cal.addDuration(at(d.publishedAt ?? d.answer!.at), RATING_WINDOW));
  }
  return list.filter((t) => !d.firedTimers.includes(t.key));
}

export function nextFeedbackTimer(d: FeedbackState, ctx: FeedbackContext): FeedbackTimer | undefined {
  return feedbackTimers(d, ctx).reduce<FeedbackTimer | undefined>(
    (min, t) => (!min || t.at < min.at ? t : min),
    undefined,
  );
}

export function fireFeedbackTimer(
  state: FeedbackState,
  timer: FeedbackTimer,
  current: FeedbackContext,
): FeedbackOutcome {
  // What a timer does happened at its moment, not whenever the worker got to it.
  const ctx = { ...current, now: timer.at };
  const d = clone(state);
  const out: Notification[] = [];
  d.firedTimers.push(timer.key);
  const limit = { limit: timer.kind.replace(/_(reminder|escalation)$/, '') };
  const holderRoles: StaffRole[] = d.assignedAgency ? ['specialist', 'leader'] : ['receiver'];
  switch (timer.kind) {
    case 'reject_reminder':
    case 'supplement_reminder':
    case 'handling_reminder':
      out.push(
        staff(d, holder(d), holderRoles, 'feedback_reminder', timer.key, {
          ...limit,
          dueBy: dueOf(d, timer),
        }),
      );
      break;
    case 'publish_reminder':
      out.push(
        staff(d, d.desk, ['receiver', 'leader'], 'feedback_reminder', timer.key, {
          ...limit,
          dueBy: d.publishBy!,
        }),
      );
      break;
    case 'handling_escalation':
      d.overdue = true;
      d.overdueSince = iso(timer.at);
      escalate(d, timer, out);
      break;
    case 'reject_escalation':
    case 'publish_escalation':
      escalate(d, timer, out);
      break;
    case 'supplement_closed':
      close(d, ctx);
      out.push(citizen(d, 'feedback_closed', 'closed'));
      break;
    case 'rating_closed':
      close(d, ctx);
      break;
  }
  record(d, ctx, `timer:${timer.kind}`, SYSTEM, state.status, { key: timer.key });
  return { state: d, notifications: out };
}

const SYSTEM: FeedbackActor = { username: 'system', role: 'system', agencyCode: '' };

function dueOf(d: FeedbackState, timer: FeedbackTimer): string {
  if (timer.kind === 'reject_reminder' || timer.kind === 'reject_escalation') return d.rejectBy;
  if (timer.kind === 'supplement_reminder') return d.supplementBy;
  if (timer.kind.startsWith('publish')) return d.publishBy!;
  return d.dueAt;
}

/** A passed limit goes to the leader of the agency holding the case and to the desk (`docs/rules.md` N2). */
function escalate(d: FeedbackState, timer: FeedbackTimer, out: Notification[]) {
  const data = { limit: timer.kind.replace(/_escalation$/, ''), dueBy: dueOf(d, timer) };
  out.push(staff(d, holder(d), ['leader'], 'feedback_escalation', timer.key, data));
  if (holder(d) !== d.desk)
    out.push(staff(d, d.desk, ['receiver', 'leader'], 'feedback_escalation', timer.key, data));
  else out.push(staff(d, d.desk, ['receiver'], 'feedback_escalation', timer.key, data));
}

function baseData(d: FeedbackState): Record<string, string> {
  return { code: d.code, receivedAt: d.receivedAt, dueAt: d.dueAt };
}

function citizen(
  d: FeedbackState,
  occasion: Occasion,
  occurrence: string,
  extra: Record<string, string> = {},
): Notification {
  return { occasion, occurrence, audience: { kind: 'citizen' }, data: { ...baseData(d), ...extra } };
}

function staff(
  d: FeedbackState,
  agencyCode: string,
  roles: StaffRole[],
  occasion: Occasion,
  occurrence: string,
  extra: Record<string, string> = {},
): Notification {
  return {
    occasion,
    occurrence,
    audience: { kind: 'staff', agencyCode, roles },
    data: { ...baseData(d), category: d.category, ...extra },
  };
}

function record(
  d: FeedbackState,
  ctx: FeedbackContext,
  action: string,
  actor: FeedbackActor,
  from: FeedbackStatus,
  detail?: object,
) {
  d.version += 1;
  d.events.push({
    seq: d.events.length + 1,
    action,
    actor: actor.username,
    actorRole: actor.role,
    ...(actor.agencyCode ? { agencyCode: actor.agencyCode } : {}),
    from,
    to: d.status,
    at: iso(ctx.now),
    ...(detail && Object.keys(detail).length ? { detail: { ...detail } } : {}),
  });
}

export { CITIZEN };
