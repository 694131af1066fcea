/**
 * The feedback state machine (rules N1–N2): every path, each limit on the working calendar, and every
 * message it emits rendering in both languages with the fields it fills in.
 */
import { WorkingCalendar } from '../../domain/calendar';
import type { FeedbackCommandName, FeedbackPayloads } from '../../domain/feedback/commands';
import { FeedbackRuleError } from '../../domain/feedback/errors';
import {
  CITIZEN,
  decide,
  fireFeedbackTimer,
  nextFeedbackTimer,
  startFeedback,
  type FeedbackOutcome,
} from '../../domain/feedback/machine';
import { prepareFeedback } from '../../domain/feedback/start';
import type { FeedbackActor, FeedbackState } from '../../domain/feedback/types';
import { FEEDBACK_OCCASIONS, renderNotification, type Notification } from '../../domain/notifications';

/** Monday 23 November 2026, 09:00 in Vietnam. */
const MONDAY_MORNING = Date.parse('2026-11-23T02:00:00Z');
const emitted: Notification[] = [];
const staff = (role: FeedbackActor['role'], agencyCode: string): FeedbackActor => ({
  username: `${agencyCode}.${role}`,
  role,
  agencyCode,
});
const desk = staff('receiver', 'centre');

/** One case driven as the workflow drives it: actions, and timers as time passes. */
class Case {
  state: FeedbackState;
  now = MONDAY_MORNING;
  readonly calendar: WorkingCalendar;

  constructor(consentToPublish = true) {
    const input = prepareFeedback({
      code: 'PAKN-261123-0001',
      category: 'handling',
      channel: 'hotline',
      desk: 'centre',
      consentToPublish,
      receivedAt: new Date(this.now).toISOString(),
      receivedBy: desk,
    });
    this.calendar = new WorkingCalendar(input.calendar);
    this.state = this.take(startFeedback(input.start, this.ctx()));
  }

  ctx() {
    return { now: new Date(this.now), calendar: this.calendar };
  }

  take(o: FeedbackOutcome): FeedbackState {
    emitted.push(...o.notifications);
    return o.state;
  }

  act<K extends FeedbackCommandName>(name: K, actor: FeedbackActor, payload: FeedbackPayloads[K]) {
    this.state = this.take(decide(this.state, { name, actor, payload } as never, this.ctx()));
    return this;
  }

  /** Fires every timer due up to `until`, in order, as the workflow loop does. */
  runUntil(until: number): Notification[] {
    const fired: Notification[] = [];
    for (;;) {
      const timer = nextFeedbackTimer(this.state, this.ctx());
      if (!timer || timer.at.getTime() > until) break;
      this.now = timer.at.getTime();
      const o = fireFeedbackTimer(this.state, timer, this.ctx());
      fired.push(...o.notifications);
      this.state = this.take(o);
    }
    this.now = until;
    return fired;
  }
}

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof FeedbackRuleError) return err.code;
    throw err;
  }
  return undefined;
};

test('limits fall on the working calendar: reject 2, ask for more 5, answer 15 working days', () => {
  const c = new Case();
  const days = (iso: string) => c.calendar.workingDaysBetween(new Date(MONDAY_MORNING), new Date(iso));
  expect(days(c.state.rejectBy)).toBe(2);
  expect(days(c.state.supplementBy)).toBe(5);
  expect(days(c.state.dueAt)).toBe(15);
  expect(c.state.status).toBe('received');
});

test('reminder before and escalation when the reject-or-route limit passes', () => {
  const c = new Case();
  const fired = c.runUntil(Date.parse(c.state.rejectBy) + 1);
  const kinds = fired.map(
    (n) => `${n.occasion}:${n.audience.kind === 'staff' ? n.audience.roles.join('+') : ''}`,
  );
  expect(kinds).toContain('feedback_reminder:receiver');
  expect(kinds).toContain('feedback_escalation:leader');
  expect(kinds).toContain('feedback_escalation:receiver');
  expect(c.state.status).toBe('received');
});

test('routed, answered late, published on time, rated: closed', () => {
  const c = new Case();
  c.act('assign', desk, { agency: 'land' });
  expect(
    refusal(() =>
      decide(
        c.state,
        { name: 'answer', actor: staff('specialist', 'justice'), payload: { answer: 'x' } },
        c.ctx(),
      ),
    ),
  ).toBe('FORBIDDEN');
  const fired = c.runUntil(Date.parse(c.state.dueAt) + 1);
  expect(fired.filter((n) => n.occasion === 'feedback_reminder').map((n) => n.data.limit)).toEqual([
    'supplement',
    'handling',
  ]);
  expect(fired.filter((n) => n.occasion === 'feedback_escalation').map((n) => n.audience)).toEqual([
    { kind: 'staff', agencyCode: 'land', roles: ['leader'] },
    { kind: 'staff', agencyCode: 'centre', roles: ['receiver', 'leader'] },
  ]);
  expect(c.state.overdue).toBe(true);
  c.act('answer', staff('specialist', 'land'), { answer: 'Đã chấn chỉnh cán bộ.' });
  expect(c.state).toMatchObject({ status: 'answered', onTime: false });
  c.act('rate', CITIZEN, { satisfied: false });
  expect(c.state.status).toBe('answered');
  expect(
    refusal(() => decide(c.state, { name: 'rate', actor: CITIZEN, payload: { satisfied: true } }, c.ctx())),
  ).toBe('ALREADY_RATED');
  const publish = c.runUntil(Date.parse(c.state.publishBy!) + 1);
  expect(publish.map((n) => n.occasion)).toEqual([
    'feedback_reminder',
    'feedback_escalation',
    'feedback_escalation',
  ]);
  c.act('publish', staff('leader', 'centre'), {});
  expect(c.state.status).toBe('closed');
});

test('one supplement, within 5 working days; the handling time starts again when it comes', () => {
  const c = new Case(false);
  c.now = Date.parse(c.state.supplementBy) + 1;
  expect(
    refusal(() =>
      decide(c.state, { name: 'requestSupplement', actor: desk, payload: { reason: 'x' } }, c.ctx()),
    ),
  ).toBe('SUPPLEMENT_TOO_LATE');
  c.now = MONDAY_MORNING + 3600_000;
  c.act('requestSupplement', desk, { reason: 'Xin cho biết số hồ sơ.' });
  expect(c.state.status).toBe('awaiting_supplement');
  c.now += 2 * 86_400_000;
  c.act('supplement', CITIZEN, {});
  expect(c.state.status).toBe('received');
  expect(c.calendar.workingDaysBetween(new Date(c.now), new Date(c.state.dueAt))).toBe(15);
  expect(
    refusal(() =>
      decide(c.state, { name: 'requestSupplement', actor: desk, payload: { reason: 'x' } }, c.ctx()),
    ),
  ).toBe('SUPPLEMENT_ALREADY_REQUESTED');
  c.act('assign', desk, { agency: 'land' });
  c.act('answer', staff('leader', 'land'), { answer: 'Đã trả lời.' });
  expect(c.state.onTime).toBe(true);
  expect(refusal(() => decide(c.state, { name: 'publish', actor: desk, payload: {} }, c.ctx()))).toBe(
    'NO_CONSENT_TO_PUBLISH',
  );
  c.runUntil(c.now + 40 * 86_400_000);
  expect(c.state.status).toBe('closed');
});

test('a supplement that never comes closes the case; a rejection ends it', () => {
  const c = new Case();
  c.act('requestSupplement', desk, { reason: 'Xin bổ sung.' });
  const fired = c.runUntil(c.now + 20 * 86_400_000);
  expect(fired.map((n) => n.occasion)).toEqual(['feedback_closed']);
  expect(c.state.status).toBe('closed');
  const r = new Case();
  expect(
    refusal(() =>
      decide(
        r.state,
        { name: 'reject', actor: staff('specialist', 'centre'), payload: { reason: 'x' } },
        r.ctx(),
      ),
    ),
  ).toBe('FORBIDDEN');
  r.act('reject', desk, { reason: 'Trùng lặp.' });
  expect(r.state.status).toBe('rejected');
  expect(
    refusal(() => decide(r.state, { name: 'assign', actor: desk, payload: { agency: 'land' } }, r.ctx())),
  ).toBe('FEEDBACK_CLOSED');
});

test('every message the machine emits renders in both languages, and the paths reach every occasion', () => {
  for (const n of emitted) {
    const name =
      n.audience.kind === 'citizen' ? { applicantName: 'Nguyễn Văn An' } : { recipientName: 'Trần Thị Bình' };
    for (const lang of ['vi', 'en'] as const) {
      const r = renderNotification(
        n.occasion,
        { ...n.data, ...name },
        { lang, publicBaseUrl: 'https://motcua.example.vn', audience: n.audience.kind },
      );
      if (n.audience.kind === 'citizen') {
        expect(r.text).toContain('https://motcua.example.vn/phan-anh/PAKN-261123-0001');
        expect(r.text).toContain(lang === 'vi' ? 'Theo dõi phản ánh, kiến nghị' : 'Follow your feedback');
      }
    }
  }
  expect([...new Set(emitted.map((n) => n.occasion))].sort()).toEqual([...FEEDBACK_OCCASIONS].sort());
});
