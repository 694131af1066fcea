/**
 * The contract between the state machine and the templates: every notification the machine emits, with
 * the fields it really fills in, renders in both languages. The paths below together reach every
 * occasion; a new occasion without a path here fails the last test.
 */
import { buildCalendarSnapshot, WorkingCalendar, type YearAnnouncement } from '../../domain/calendar';
import { ANNOUNCEMENTS } from '../../domain/calendar/data';
import { adoptCalendar } from '../../domain/dossier/calendar-change';
import { SYSTEM_ACTOR, type CommandName, type CommandPayloads } from '../../domain/dossier/commands';
import { openPaymentTransaction } from '../../domain/dossier/online-payment';
import { decide, fireTimer, nextTimer, startDossier, type RuleContext } from '../../domain/dossier/machine';
import { prepareDossier } from '../../domain/dossier/start';
import type { Actor, DossierState } from '../../domain/dossier/types';
import { DOSSIER_OCCASIONS, renderNotification, type Notification } from '../../domain/notifications';
import type { Procedure } from '../../domain/procedure';
import { getProcedure } from '../../procedures';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** On the Vietnamese working calendar, with a financial obligation, open to online submission. */
const LAND = getProcedure('1.013978')!;
const procedure = LAND;
/** Monday 23 November 2026, 09:00 in Vietnam. */
const MONDAY_MORNING = Date.parse('2026-11-23T02:00:00Z');

const emitted: Notification[] = [];

const actor = (role: Actor['role'], agencyCode: string): Actor => ({
  username: `${agencyCode}.${role}`,
  role,
  agencyCode,
});

/** One dossier driven through the machine as the workflow drives it: actions, and timers as time passes. */
class Dossier {
  state: DossierState;
  private now: number;
  private calendar: WorkingCalendar;

  constructor(
    code: string,
    online = false,
    private readonly procedure: Procedure = LAND,
  ) {
    this.now = MONDAY_MORNING;
    const input = prepareDossier(this.procedure, {
      code,
      channel: online ? 'online' : 'counter',
      submittedAt: new Date(this.now).toISOString(),
      documents: [{ name: this.procedure.documents[0].name, form: this.procedure.documents[0].form }],
      receivedBy: online ? undefined : actor('receiver', this.procedure.receivingAgency),
    });
    this.calendar = new WorkingCalendar(input.calendar);
    this.state = this.take(startDossier(input.start, this.context()));
  }

  private context(): RuleContext {
    return {
      now: new Date(this.now),
      calendar: this.calendar,
      procedure: this.procedure,
      features: { stepOverdueAlerts: true, paymentRules: true },
    };
  }

  private take(outcome: { state: DossierState; notifications: Notification[] }): DossierState {
    emitted.push(...outcome.notifications);
    return outcome.state;
  }

  /** Lets time pass, firing every timer that falls due on the way. */
  wait(ms: number): this {
    const until = this.now + ms;
    for (let t = nextTimer(this.state, this.context()); t && t.at.getTime() <= until;) {
      this.now = Math.max(this.now, t.at.getTime());
      this.state = this.take(fireTimer(this.state, t, this.context()));
      t = nextTimer(this.state, this.context());
    }
    this.now = until;
    return this;
  }

  act<K extends CommandName>(name: K, by: Actor, payload: CommandPayloads[K]): this {
    const command = { name, actor: by, payload } as Parameters<typeof decide>[1];
    this.state = this.take(decide(this.state, command, this.context()));
    return this;
  }

  /** The payment platform's transaction opened for the fee demand (rule I1). */
  openTransaction(transactionId: string): this {
    const paymentUrl = `https://thanhtoan.dichvucong.gov.vn/pay/${transactionId}`;
    const outcome = openPaymentTransaction(this.state, { transactionId, paymentUrl }, this.context());
    if (outcome) this.state = this.take(outcome);
    return this;
  }

  /** A newer calendar version published while the dossier runs. */
  adopt(calendar: WorkingCalendar): this {
    this.calendar = calendar;
    const outcome = adoptCalendar(this.state, this.context());
    if (outcome) this.state = this.take(outcome);
    return this;
  }

  get receiver(): Actor {
    return actor('receiver', this.state.receivingAgency);
  }

  /** The specialist (or leader) of the first agency holding the dossier. */
  holder(role: 'specialist' | 'leader' = 'specialist'): Actor {
    return actor(role, this.state.steps.find((s) => s.state === 'active')!.agency);
  }

  /** Completes every step, then the leader decides. */
  finishSteps(): this {
    const final = this.state.steps[this.state.steps.length - 1];
    for (let step = this.activeStep(); step && step.id !== final.id; step = this.activeStep()) {
      this.act('completeStep', actor(step.role, step.agency), { stepId: step.id });
    }
    return this.act('approve', actor('leader', final.agency), {});
  }

  private activeStep() {
    return this.state.steps.find((s) => s.state === 'active');
  }
}

const reason = 'Thiếu bản sao giấy tờ tùy thân';
const documents = ['Bản sao căn cước'];

beforeAll(() => {
  // Late: reminders, escalation, alerts and the apology, then the result, its return and a correction.
  new Dossier('CONTRACT-LATE')
    .wait(120 * DAY)
    .finishSteps()
    .act('returnResult', actor('receiver', procedure.receivingAgency), { method: 'counter' })
    .act('requestCorrection', actor('receiver', procedure.receivingAgency), { reason });

  // Extended once, a fee asked and paid, the result returned before the date.
  const early = new Dossier('CONTRACT-EARLY').wait(HOUR);
  early
    .act('extend', early.holder('leader'), {
      reason: 'Cần xác minh thêm',
      newDueAt: new Date(Date.parse(early.state.dueAt!) + 10 * DAY).toISOString(),
    })
    .act('requestPayment', early.holder(), { amountVnd: 200_000, reason: 'Lệ phí' })
    .act('confirmPayment', early.receiver, { reference: 'BL-001' })
    .finishSteps()
    .act('returnResult', early.receiver, { method: 'post' });

  // A supplement asked and brought, then the dossier withdrawn.
  const paidOnline = new Dossier('CONTRACT-PAID-ONLINE').wait(HOUR);
  paidOnline
    .act('requestPayment', paidOnline.holder(), { amountVnd: 1_250_000, reason: 'Lệ phí trước bạ' })
    .openTransaction('DVCQG-001')
    .act('confirmPayment', SYSTEM_ACTOR, { reference: 'DVCQG-001' })
    .wait(3 * DAY);

  const supplemented = new Dossier('CONTRACT-SUPPLEMENT').wait(HOUR);
  supplemented
    .act('requestSupplement', supplemented.holder(), { reason, documents })
    .act('supplement', supplemented.receiver, { documents: [{ name: documents[0], form: 'copy' }] })
    .act('withdraw', supplemented.receiver, { reason: 'Không còn nhu cầu' });

  // A supplement asked and never brought.
  const lapsed = new Dossier('CONTRACT-LAPSED').wait(HOUR);
  lapsed.act('requestSupplement', lapsed.holder(), { reason, documents }).wait(30 * DAY);

  // A holiday notice published after the receipt moves the due date.
  const notice2026 = ANNOUNCEMENTS[2026] as YearAnnouncement;
  const extraDay = { date: '2026-12-01', kind: 'extra' as const, name: 'Nghỉ', note: 'Thử', source: 'Thử' };
  const published = buildCalendarSnapshot({
    kind: 'vn',
    fromYear: 2026,
    toYear: 2028,
    allowUnannounced: true,
    announcements: { 2026: { ...notice2026, daysOff: [...notice2026.daysOff, extraDay] } },
  });
  new Dossier('CONTRACT-CALENDAR').wait(HOUR).adopt(new WorkingCalendar(published));

  // A judicial record certificate whose lookup finds a conviction to verify: the longer limit.
  const verified = new Dossier('CONTRACT-VERIFICATION', false, getProcedure('3.000333')).wait(HOUR);
  verified.act('requireVerification', verified.holder(), { reason: 'Cần xác minh án tích' });

  // Online: a reminder to accept, then accepted.
  const online = new Dossier('CONTRACT-ONLINE', true).wait(3 * DAY);
  online.act('accept', online.receiver, {});

  // Online and incomplete: sent back for completion.
  const incomplete = new Dossier('CONTRACT-INCOMPLETE', true);
  incomplete.act('requestCompletion', incomplete.receiver, { reason, missingDocuments: documents });

  // Online and refused at reception.
  const refused = new Dossier('CONTRACT-REFUSED', true);
  refused.act('refuse', refused.receiver, { reason: 'Không thuộc thẩm quyền' });
});

const rendered = () =>
  emitted.flatMap((n) =>
    (['vi', 'en'] as const).map(
      (lang) => [`${n.occasion} ${n.audience.kind} ${n.occurrence} ${lang}`, n, lang] as const,
    ),
  );

test('every notification the machine emits renders in both languages with the fields it sends', () => {
  for (const [label, n, lang] of rendered()) {
    const name =
      n.audience.kind === 'citizen' ? { applicantName: 'Nguyễn Văn An' } : { recipientName: 'Trần Thị Bình' };
    const render = () =>
      renderNotification(
        n.occasion,
        { ...n.data, ...name },
        {
          lang,
          publicBaseUrl: 'https://motcua.example.vn',
          audience: n.audience.kind,
        },
      );
    expect({ label, error: captureError(render) }).toEqual({ label, error: undefined });
  }
});

test('the paths above reach every occasion', () => {
  expect([...new Set(emitted.map((n) => n.occasion))].sort()).toEqual([...DOSSIER_OCCASIONS].sort());
});

function captureError(render: () => unknown): string | undefined {
  try {
    render();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
