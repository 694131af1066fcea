import { buildCalendarSnapshot, WorkingCalendar, type YearAnnouncement } from '../../domain/calendar';
import { ANNOUNCEMENTS } from '../../domain/calendar/data';
import { adoptCalendar } from '../../domain/dossier/calendar-change';
import type { Command, CommandName, CommandPayloads } from '../../domain/dossier/commands';
import { decide, fireTimer, startDossier, timers, type RuleContext } from '../../domain/dossier/machine';
import type { Actor, DossierState } from '../../domain/dossier/types';
import { readModelRow } from '../../activities/read-model';
import { DossierDetailSchema, WorklistItemSchema } from '../../api/schemas';
import { detailOfRow, worklistItem } from '../../api/views';
import type { Dossier as DossierRow } from '../../generated/sqlite/client';
import { renderNotification } from '../../domain/notifications';
import type { Procedure } from '../../domain/procedure';
import { getProcedure } from '../../procedures';

/** What a refused decision threw, to read its rule code. */
function refusal(decision: () => unknown): unknown {
  try {
    decision();
  } catch (err) {
    return err;
  }
  throw new Error('the action was accepted');
}

/** The deadline rows of Decree 118/2025 on the pure state machine, at fixed moments of the 2026 calendar. */
const LAND = getProcedure('1.013978')!; // 20 working days: commune, land, tax, land, commune
const calendar = new WorkingCalendar(
  buildCalendarSnapshot({ kind: 'vn', fromYear: 2026, toYear: 2027, allowUnannounced: true }),
);
/** A local (UTC+7) moment, `2026-03-09T09:00`. */
const local = (text: string) => new Date(`${text}:00+07:00`);
const actor = (agencyCode: string, role: Actor['role']): Actor => ({
  username: `${agencyCode}.${role}`,
  role,
  agencyCode,
});
const ALL_FEATURES: RuleContext['features'] = {
  stepOverdueAlerts: true,
  supplementRequestLimit: true,
  onlineTransferAtOnce: true,
  onlineSubmissionAlerts: true,
  earlyReturnNotice: true,
  returnAppointments: true,
  immediateResults: true,
  receiptOnRequest: true,
  paymentRules: true,
};

function context(now: Date, procedure: Procedure, features = ALL_FEATURES): RuleContext {
  return { now, calendar, procedure, features };
}

function submitted(at: Date, procedure: Procedure, features: RuleContext['features'], online: boolean) {
  return submission(at, procedure, features, online).state;
}

function submission(
  at: Date,
  procedure: Procedure,
  features: RuleContext['features'],
  online: boolean,
  receiptRequested?: boolean,
) {
  return startDossier(
    {
      receiptRequested,
      code: 'RULES-1',
      channel: online ? 'online' : 'counter',
      calendarVersion: 'test',
      submittedAt: at.toISOString(),
      documents: [{ name: procedure.documents[0].name, form: procedure.documents[0].form }],
      receivedBy: online ? undefined : actor(procedure.receivingAgency, 'receiver'),
    },
    context(at, procedure, features),
  );
}

const received = (at: Date, procedure: Procedure = LAND, features = ALL_FEATURES) =>
  submitted(at, procedure, features, false);

function act<K extends CommandName>(
  state: DossierState,
  name: K,
  by: Actor,
  payload: CommandPayloads[K],
  now: Date,
  procedure: Procedure = LAND,
  features = ALL_FEATURES,
) {
  return decide(state, { name, actor: by, payload } as Command, context(now, procedure, features));
}

const supplementRequest = { reason: 'Thiếu sơ đồ thửa đất', documents: ['Sơ đồ thửa đất'] };

describe('C1: a supplement is asked for within 3 working days of the agency receiving the dossier', () => {
  // Received Monday 9 March 2026 at 09:00, before the cut-off: the commune holds it at once.
  const monday = local('2026-03-09T09:00');
  const commune = actor('commune', 'specialist');

  it('accepts a request up to the end of the third working day', () => {
    const { state } = act(
      received(monday),
      'requestSupplement',
      commune,
      supplementRequest,
      local('2026-03-12T16:30'),
    );
    expect(state.status).toBe('awaiting_supplement');
  });

  it('refuses a later request with SUPPLEMENT_TOO_LATE', () => {
    expect(
      refusal(() =>
        act(received(monday), 'requestSupplement', commune, supplementRequest, local('2026-03-13T08:00')),
      ),
    ).toMatchObject({ code: 'SUPPLEMENT_TOO_LATE' });
  });

  it('counts from when the asking agency received the dossier, not from the desk', () => {
    let state = received(monday);
    state = act(
      state,
      'completeStep',
      commune,
      { stepId: state.steps[0].id },
      local('2026-03-16T10:00'),
    ).state;
    const land = actor('land', 'specialist');
    expect(state.steps[1].state).toBe('active');
    // Land received it Monday 16 March: Thursday 19 is its third working day.
    expect(
      act(state, 'requestSupplement', land, supplementRequest, local('2026-03-19T10:00')).state.status,
    ).toBe('awaiting_supplement');
    expect(
      refusal(() => act(state, 'requestSupplement', land, supplementRequest, local('2026-03-20T10:00'))),
    ).toMatchObject({ code: 'SUPPLEMENT_TOO_LATE' });
  });

  it('follows a sector law that sets another limit on the procedure', () => {
    const sectorLaw: Procedure = { ...LAND, supplementRequestLimit: { amount: 5, unit: 'working_days' } };
    const state = received(monday, sectorLaw);
    const later = act(
      state,
      'requestSupplement',
      commune,
      supplementRequest,
      local('2026-03-13T10:00'),
      sectorLaw,
    );
    expect(later.state.status).toBe('awaiting_supplement');
  });

  it('leaves dossiers started before the rule as they were (replay)', () => {
    const old = { stepOverdueAlerts: true };
    const state = received(monday, LAND, old);
    const late = act(
      state,
      'requestSupplement',
      commune,
      supplementRequest,
      local('2026-03-20T10:00'),
      LAND,
      old,
    );
    expect(late.state.status).toBe('awaiting_supplement');
  });
});

describe('C5: one supplement request, a second only under the sector law the procedure cites', () => {
  const HOUSE = getProcedure('1.013225')!; // Construction Law Art. 102(1)(b): a further notice within 5 working days
  const commune = actor('commune', 'specialist');
  const desk = actor('commune', 'receiver');
  const further = { ...supplementRequest, sectorLawException: true as const };
  /** Asked Tuesday 10 March, the supplement brought Wednesday 11 March at 10:00. */
  function supplemented(procedure: Procedure) {
    let state = received(local('2026-03-09T09:00'), procedure);
    state = act(
      state,
      'requestSupplement',
      commune,
      supplementRequest,
      local('2026-03-10T09:00'),
      procedure,
    ).state;
    const documents = [{ name: 'Sơ đồ thửa đất', form: 'copy' as const }];
    return act(state, 'supplement', desk, { documents }, local('2026-03-11T10:00'), procedure).state;
  }

  it('refuses a second request that does not invoke the exception, even where the law has one', () => {
    const state = supplemented(HOUSE);
    const err = refusal(() =>
      act(state, 'requestSupplement', commune, supplementRequest, local('2026-03-12T09:00'), HOUSE),
    );
    expect(err).toMatchObject({ code: 'SUPPLEMENT_ALREADY_REQUESTED' });
    expect(String(err)).toContain('Điều 102');
  });

  it('refuses the exception where the procedure cites no sector law', () => {
    const state = supplemented(LAND);
    expect(
      refusal(() => act(state, 'requestSupplement', commune, further, local('2026-03-12T09:00'))),
    ).toMatchObject({ code: 'SUPPLEMENT_ALREADY_REQUESTED' });
  });

  it('takes an explicit second request within the law’s limit and keeps it, with its basis, in the audit trail', () => {
    const asked = supplemented(HOUSE);
    const { state } = act(asked, 'requestSupplement', commune, further, local('2026-03-18T16:00'), HOUSE);
    expect(state.status).toBe('awaiting_supplement');
    expect(state.supplementCount).toBe(2);
    expect(state.supplement?.sectorLawBasis).toBe(HOUSE.furtherSupplement!.basis);
    expect(state.events.at(-1)).toMatchObject({
      action: 'requestSupplement',
      actor: commune.username,
      detail: { sectorLawException: true },
    });
  });

  it('refuses it after the law’s 5 working days from the supplement, and refuses a third', () => {
    const state = supplemented(HOUSE);
    expect(
      refusal(() => act(state, 'requestSupplement', commune, further, local('2026-03-19T08:00'), HOUSE)),
    ).toMatchObject({ code: 'SUPPLEMENT_TOO_LATE' });
    let twice = act(state, 'requestSupplement', commune, further, local('2026-03-12T09:00'), HOUSE).state;
    const documents = [{ name: 'Bản vẽ thiết kế xây dựng', form: 'original' as const }];
    twice = act(twice, 'supplement', desk, { documents }, local('2026-03-13T09:00'), HOUSE).state;
    expect(
      refusal(() => act(twice, 'requestSupplement', commune, further, local('2026-03-13T10:00'), HOUSE)),
    ).toMatchObject({ code: 'SUPPLEMENT_ALREADY_REQUESTED' });
  });
});

describe('E1: the 15:00 cut-off holds paper back; an accepted online dossier moves at once', () => {
  const late = local('2026-03-09T16:00');

  it('moves a counter dossier received after 15:00 at the start of the next working day', () => {
    const state = received(late);
    expect(state.status).toBe('received');
    expect(state.transferAt).toBe(local('2026-03-10T07:30').toISOString());
  });

  it('hands an online dossier accepted after 15:00 to the agency in the same instant', () => {
    const online = submitted(local('2026-03-09T14:00'), LAND, ALL_FEATURES, true);
    const { state } = act(online, 'accept', actor(LAND.receivingAgency, 'receiver'), {}, late);
    expect(state.status).toBe('processing');
    expect(state.transferredAt).toBe(late.toISOString());
    expect(state.steps[0]).toMatchObject({ state: 'active', startedAt: late.toISOString() });
  });

  it('keeps the cut-off for online dossiers started before the change (replay)', () => {
    const old = { stepOverdueAlerts: true, supplementRequestLimit: true };
    const online = submitted(local('2026-03-09T14:00'), LAND, old, true);
    const { state } = act(online, 'accept', actor(LAND.receivingAgency, 'receiver'), {}, late, LAND, old);
    expect(state.status).toBe('received');
  });
});

describe('B4: an online submission alerts the desk at once, and again if untouched after 2 working hours', () => {
  // Friday 16:00: two working hours run to Monday 08:30 (sessions 07:30-11:30, 13:30-17:00).
  const friday = local('2026-03-13T16:00');
  const desk = { kind: 'staff', agencyCode: LAND.receivingAgency, roles: ['receiver'] };

  it('alerts the receiving desk when the submission arrives', () => {
    const { notifications } = submission(friday, LAND, ALL_FEATURES, true);
    expect(notifications).toEqual([
      expect.objectContaining({
        occasion: 'acceptance_reminder',
        occurrence: 'submission_alert',
        audience: desk,
      }),
    ]);
  });

  it('alerts again at 2 working hours while nobody has accepted or returned it', () => {
    const state = submitted(friday, LAND, ALL_FEATURES, true);
    const ctx = context(friday, LAND);
    const alert = timers(state, ctx).find((t) => t.kind === 'submission_alert')!;
    expect(alert.at).toEqual(local('2026-03-16T08:30'));
    const fired = fireTimer(state, alert, ctx);
    expect(fired.notifications).toEqual([
      expect.objectContaining({ occasion: 'acceptance_reminder', audience: desk }),
    ]);
    expect(timers(fired.state, ctx).map((t) => t.kind)).not.toContain('submission_alert');
  });

  it('has nothing more to say once the desk acted, and nothing new for dossiers started before (replay)', () => {
    const state = submitted(friday, LAND, ALL_FEATURES, true);
    const accepted = act(
      state,
      'accept',
      actor(LAND.receivingAgency, 'receiver'),
      {},
      local('2026-03-16T08:00'),
    );
    expect(timers(accepted.state, context(friday, LAND)).map((t) => t.kind)).not.toContain(
      'submission_alert',
    );
    const old = { stepOverdueAlerts: true };
    expect(submission(friday, LAND, old, true).notifications).toEqual([]);
    const oldState = submitted(friday, LAND, old, true);
    expect(timers(oldState, context(friday, LAND, old)).map((t) => t.kind)).not.toContain('submission_alert');
  });
});

/** Completes every step in turn from `at`, then the final step's leader approves. */
function approved(state: DossierState, now: Date, features = ALL_FEATURES) {
  let outcome = { state, notifications: [] as ReturnType<typeof decide>['notifications'] };
  for (const step of state.steps.slice(0, -1)) {
    outcome = act(outcome.state, 'completeStep', actor(step.agency, step.role), { stepId: step.id }, now);
  }
  const final = state.steps[state.steps.length - 1];
  return act(outcome.state, 'approve', actor(final.agency, 'leader'), {}, now, LAND, features);
}

describe('H4/L4: an early result is announced with a lead before it is returned', () => {
  const monday = local('2026-03-09T09:00');
  const desk = actor(LAND.receivingAgency, 'receiver');
  const early = (n: { occasion: string }) => n.occasion === 'early_return_notice';

  it('tells the citizen when the result is ready, with the day it can be collected', () => {
    const { state, notifications } = approved(received(monday), local('2026-03-20T10:00'));
    // 8 working hours of notice (a 7½-hour office day): from Monday 23 March, well before the appointment.
    expect(state.earlyReturnAt).toBe(local('2026-03-23T10:30').toISOString());
    const notices = notifications.filter(early);
    expect(notices).toHaveLength(1);
    expect(notices[0].data.returnAt).toBe(state.earlyReturnAt);
    const returned = act(state, 'returnResult', desk, { method: 'counter' }, local('2026-03-23T11:00'));
    expect(returned.notifications.filter(early)).toEqual([]);
  });

  it('announces nothing ahead when the lead would reach the appointment, and tells at the return if early', () => {
    const base = received(monday);
    const lastDay = local(`${base.dueAt!.slice(0, 10)}T09:00`);
    const ready = approved(base, new Date(lastDay.getTime() - 24 * 3600_000));
    expect(ready.state.earlyReturnAt).toBeUndefined();
    expect(ready.notifications.filter(early)).toEqual([]);
    const back = act(ready.state, 'returnResult', desk, { method: 'counter' }, lastDay);
    expect(back.notifications.filter(early)).toHaveLength(1);
  });

  it('keeps the notice at the return for dossiers started before (replay)', () => {
    const old = { stepOverdueAlerts: true };
    const ready = approved(received(monday, LAND, old), local('2026-03-20T10:00'), old);
    expect(ready.notifications.filter(early)).toEqual([]);
    const returned = act(
      ready.state,
      'returnResult',
      desk,
      { method: 'counter' },
      local('2026-03-20T11:00'),
      LAND,
      old,
    );
    expect(returned.notifications.filter(early)).toHaveLength(1);
  });
});

describe('the appointment: the desk session of the due day, while timeliness runs to its end', () => {
  const monday = local('2026-03-09T09:00');

  it('gives the afternoon session of the last working day on the receipt and in messages', () => {
    const { state, notifications } = submission(monday, LAND, ALL_FEATURES, false);
    const day = state.dueAt!.slice(0, 10);
    expect(state.dueAt).toBe(new Date(`${day}T23:59:59.999+07:00`).toISOString());
    expect(state.returnAppointment).toEqual({
      from: local(`${day}T13:30`).toISOString(),
      to: local(`${day}T17:00`).toISOString(),
    });
    const receipt = notifications.find((n) => n.occasion === 'received')!;
    const { text } = renderNotification(
      'received',
      { ...receipt.data, applicantName: 'Nguyễn Văn An' },
      {
        lang: 'vi',
        publicBaseUrl: 'https://motcua.example',
      },
    );
    const [y, m, d] = day.split('-');
    expect(text).toContain(
      `Thời gian hẹn trả kết quả: từ 13 giờ 30 phút đến 17 giờ 00 phút, ngày ${d}/${m}/${y}`,
    );
  });

  it('judges a result decided after the session but within the day as on time', () => {
    const state = received(monday);
    const evening = local(`${state.dueAt!.slice(0, 10)}T20:00`);
    expect(approved(state, evening).state.onTime).toBe(true);
  });

  it('keeps a moved due date and its appointment together, and old dossiers without one (replay)', () => {
    const state = received(monday);
    const leader = actor('commune', 'leader');
    const { state: extended } = act(
      state,
      'extend',
      leader,
      { reason: 'Xác minh', newDueAt: '2026-04-22' },
      local('2026-03-10T09:00'),
    );
    expect(extended.returnAppointment!.from).toBe(local('2026-04-22T13:30').toISOString());
    expect(received(monday, LAND, { stepOverdueAlerts: true }).returnAppointment).toBeUndefined();
  });
});

describe('a due date resting on provisional calendar days says so', () => {
  it('marks a dossier received 2027-01-25 whose 20 working days cross the provisional Tết 2027', () => {
    const state = received(local('2027-01-25T09:00'));
    expect(state.dueAtProvisional).toBe(true);
    expect(state.provisionalDates!.length).toBeGreaterThan(0);
    expect(state.provisionalDates).toEqual(
      calendar.provisionalDatesBetween(new Date(state.receivedAt!), new Date(state.dueAt!)),
    );
  });

  it('says so in the API: the dossier view and the worklist item', () => {
    const state = received(local('2027-01-25T09:00'));
    // The row as the read model stores it once reception has added the applicant.
    const row = {
      ...readModelRow(state, LAND.name),
      applicantName: 'Nguyễn Văn An',
      applicantIdNumber: '079123456789',
      applicantPhone: null,
      applicantEmail: null,
      applicantAddress: null,
      procedureVersionHash: 'sha256:test',
      createdAt: new Date(),
      updatedAt: new Date(),
    } as DossierRow;
    const detail = DossierDetailSchema.parse({
      ...detailOfRow(row, [], 'https://motcua.example', null, new Map()),
      feedback: [],
      corrections: [],
    });
    expect(detail).toMatchObject({ dueAtProvisional: true, provisionalDates: state.provisionalDates });
    expect(WorklistItemSchema.parse(worklistItem(row, 'https://motcua.example')).dueAtProvisional).toBe(true);
  });

  it('leaves a due date on announced days unmarked', () => {
    const state = received(local('2026-03-09T09:00'));
    expect(state).toMatchObject({ dueAtProvisional: false, provisionalDates: [] });
  });
});

describe('B7: an immediate-result procedure is answered the day it is received, with no appointment', () => {
  const BIRTH = getProcedure('1.001193')!;

  test('received before the cut-off on a working day: due at the end of that day, logged, no appointment', () => {
    const state = received(local('2026-03-09T10:00'), BIRTH);
    expect(state.immediateResult).toBe(true);
    expect(state.dueAt).toBe(calendar.endOfDay(local('2026-03-09T10:00')).toISOString());
    expect(state.returnAppointment).toBeUndefined();
    expect(state.events.map((e) => e.action)).toEqual(['receive']);
  });

  test('no receipt unless the citizen asks for one, and the log says which', () => {
    const at = local('2026-03-09T10:00');
    const without = received(at, BIRTH);
    expect(without.withoutReceipt).toBe(true);
    expect(without.events[0]).toMatchObject({ action: 'receive', detail: { receipt: false } });
    const asked = submission(at, BIRTH, ALL_FEATURES, false, true).state;
    expect(asked.withoutReceipt).toBeUndefined();
    expect(asked.events[0].detail).toBeUndefined();
    // Other procedures always give one, and so did birth registrations started before the rule (replay).
    expect(received(at).withoutReceipt).toBeUndefined();
    expect(received(at, BIRTH, { immediateResults: true }).withoutReceipt).toBeUndefined();
  });

  test('after the cut-off, or on a day off, the next working day', () => {
    // Friday after 15:00, and Saturday: both settled on Monday 16 March.
    const monday = calendar.endOfDay(local('2026-03-16T10:00')).toISOString();
    expect(received(local('2026-03-13T15:30'), BIRTH).dueAt).toBe(monday);
    expect(received(local('2026-03-14T09:00'), BIRTH).dueAt).toBe(monday);
  });

  test('dossiers started before the rule keep the one-working-day limit and the appointment', () => {
    const state = received(local('2026-03-09T10:00'), BIRTH, { returnAppointments: true });
    expect(state.immediateResult).toBeUndefined();
    expect(state.dueAt).toBe(calendar.endOfDay(local('2026-03-10T10:00')).toISOString());
    expect(state.returnAppointment).toBeDefined();
  });
});

describe('a published calendar: deadlines counted again from where they started', () => {
  const BIRTH = getProcedure('1.001193')!;
  /** The 2026 notice with one more day off, Friday 20 March. */
  const notice = ANNOUNCEMENTS[2026] as YearAnnouncement;
  const dayOff = { date: '2026-03-20', kind: 'extra' as const, name: 'Nghỉ', note: 'Thử', source: 'Thử' };
  const published = new WorkingCalendar(
    buildCalendarSnapshot({
      kind: 'vn',
      fromYear: 2026,
      toYear: 2027,
      allowUnannounced: true,
      announcements: { 2026: { ...notice, daysOff: [...notice.daysOff, dayOff] } },
    }),
  );
  const adopt = (state: DossierState, procedure: Procedure = LAND) =>
    adoptCalendar(state, { ...context(local('2026-03-10T09:00'), procedure), calendar: published })!;

  test('a day off inside the limit moves the due date one working day, and the citizen hears of it once', () => {
    const state = received(local('2026-03-09T09:00'));
    const { state: next, notifications } = adopt(state);
    expect(next.dueAt).toBe(published.addDuration(local('2026-03-09T09:00'), LAND.deadline).toISOString());
    expect(calendar.workingDaysBetween(new Date(state.dueAt!), new Date(next.dueAt!))).toBe(1);
    expect(notifications.map((n) => [n.occasion, n.occurrence])).toEqual([
      ['due_date_moved', `calendar:${published.version}`],
    ]);
    expect(
      adoptCalendar(next, { ...context(local('2026-03-10T09:00'), LAND), calendar: published }),
    ).toBeUndefined();
  });

  test('an immediate result stays due the day it was received', () => {
    const state = received(local('2026-03-09T10:00'), BIRTH);
    const { state: next, notifications } = adopt(state, BIRTH);
    expect(next.dueAt).toBe(state.dueAt);
    expect(notifications).toEqual([]);
    expect(next.events.at(-1)).toMatchObject({ action: 'adoptCalendar' });
  });
});

describe('I4: the time the citizen takes to pay is left out of the land deadline (Decree 101/2024)', () => {
  const monday = local('2026-03-09T09:00');
  const desk = actor(LAND.receivingAgency, 'receiver');
  /** Verified, surveyed, then the tax office asks for payment on Thursday 12 March. */
  const awaitingPayment = (features = ALL_FEATURES) => {
    let state = received(monday, LAND, features);
    const step = (id: string, agency: string, now: string) =>
      act(state, 'completeStep', actor(agency, 'specialist'), { stepId: id }, local(now), LAND, features)
        .state;
    state = step('verify', 'commune', '2026-03-10T09:00');
    state = step('cadastre', 'land', '2026-03-11T09:00');
    const payment = { amountVnd: 1_250_000, reason: 'Lệ phí trước bạ' };
    return act(
      state,
      'requestPayment',
      actor('tax', 'specialist'),
      payment,
      local('2026-03-12T10:00'),
      LAND,
      features,
    ).state;
  };
  const pay = (state: DossierState, now: string, features = ALL_FEATURES) =>
    act(state, 'confirmPayment', desk, { reference: 'DVCQG-1' }, local(now), LAND, features).state;
  const workingDaysAfter = (due: string, n: number) =>
    calendar.addDuration(new Date(due), { amount: n, unit: 'working_days' }).toISOString();

  it('stops the deadline timers while waiting and moves the due dates by the working days waited', () => {
    const waiting = awaitingPayment();
    expect(waiting.status).toBe('awaiting_payment');
    expect(timers(waiting, context(local('2026-03-12T10:00'), LAND))).toEqual([]);
    // Thursday to the next Tuesday: Friday, Monday, Tuesday.
    const paid = pay(waiting, '2026-03-17T15:00');
    expect(paid.status).toBe('processing');
    expect(paid.payment?.excludedWorkingDays).toBe(3);
    expect(paid.dueAt).toBe(workingDaysAfter(waiting.dueAt!, 3));
    const tax = (s: DossierState) => s.steps.find((st) => st.id === 'tax-assessment')!;
    expect(tax(paid).dueAt).toBe(workingDaysAfter(tax(waiting).dueAt!, 3));
    expect(timers(paid, context(local('2026-03-17T15:00'), LAND)).map((t) => t.kind)).toContain('overdue');
  });

  it('moves nothing when paid the day it was asked', () => {
    const waiting = awaitingPayment();
    const paid = pay(waiting, '2026-03-12T16:00');
    expect(paid.payment?.excludedWorkingDays).toBe(0);
    expect(paid.dueAt).toBe(waiting.dueAt);
  });

  it('keeps counting for dossiers started before the change (replay)', () => {
    const old = { ...ALL_FEATURES, paymentRules: false };
    const waiting = awaitingPayment(old);
    expect(timers(waiting, context(local('2026-03-12T10:00'), LAND, old)).map((t) => t.kind)).toContain(
      'overdue',
    );
    const paid = pay(waiting, '2026-03-17T15:00', old);
    expect(paid.dueAt).toBe(waiting.dueAt);
    expect(paid.payment?.excludedWorkingDays).toBeUndefined();
  });
});

describe('I3: a fee paid online reaches the budget within 8 working hours', () => {
  const monday = local('2026-03-09T09:00');
  const gateway: Actor = { username: 'system', role: 'system', agencyCode: '' };
  const paidBy = (by: Actor, features = ALL_FEATURES) => {
    let state = received(monday, LAND, features);
    state = act(
      state,
      'completeStep',
      actor('commune', 'specialist'),
      { stepId: 'verify' },
      monday,
      LAND,
      features,
    ).state;
    state = act(
      state,
      'completeStep',
      actor('land', 'specialist'),
      { stepId: 'cadastre' },
      monday,
      LAND,
      features,
    ).state;
    const payment = { amountVnd: 1_250_000, reason: 'Lệ phí trước bạ' };
    state = act(state, 'requestPayment', actor('tax', 'specialist'), payment, monday, LAND, features).state;
    return act(
      state,
      'confirmPayment',
      by,
      { reference: 'DVCQG-1' },
      local('2026-03-10T14:00'),
      LAND,
      features,
    ).state;
  };
  const remittance = (state: DossierState, features = ALL_FEATURES) =>
    timers(state, context(local('2026-03-10T14:00'), LAND, features)).find(
      (t) => t.kind === 'fee_remittance',
    );

  it('alerts the desk 8 working hours after the gateway confirmed the payment', () => {
    const paid = paidBy(gateway);
    expect(paid.payment?.online).toBe(true);
    const timer = remittance(paid)!;
    // Tuesday 14:00 plus 8 office hours (a 7½-hour day): Wednesday 14:30.
    expect(timer.at).toEqual(
      calendar.addDuration(local('2026-03-10T14:00'), { amount: 8, unit: 'working_hours' }),
    );
    const fired = fireTimer(paid, timer, context(timer.at, LAND));
    expect(fired.notifications).toEqual([
      expect.objectContaining({
        occasion: 'fee_remittance_due',
        audience: { kind: 'staff', agencyCode: LAND.receivingAgency, roles: ['receiver'] },
        data: expect.objectContaining({ amountVnd: 1_250_000, remitBy: timer.at.toISOString() }) as unknown,
      }),
    ]);
    expect(remittance(fired.state)).toBeUndefined();
  });

  it('sets no alert for a payment taken at the desk, nor for dossiers started before (replay)', () => {
    expect(remittance(paidBy(actor(LAND.receivingAgency, 'receiver')))).toBeUndefined();
    const old = { ...ALL_FEATURES, paymentRules: false };
    expect(remittance(paidBy(gateway, old), old)).toBeUndefined();
  });
});
