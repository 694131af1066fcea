import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DossierWorkers } from '../../workers/dossier-workers';
import { buildCalendarSnapshot, formatVietnamTime, WorkingCalendar } from '../../domain/calendar';
import { stateQuery } from '../../workflows/messages';
import {
  act,
  createWorker,
  recordingActivities,
  specialist,
  startDossierWorkflow,
} from '../harness/dossiers';
import { timeSkippingEnvironment } from '../harness/temporal';

/**
 * Timers on the Vietnamese working calendar, over weeks of skipped workflow time. Moments are found
 * from the server's current date, so the tests hold whatever day they run on.
 */
const HOUSEHOLD_BUSINESS = '1.001612'; // 3 working days, reminders 2 and 1 working days ahead
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let env: TestWorkflowEnvironment;
let worker: DossierWorkers;
let running: Promise<void>;
let calendar: WorkingCalendar;
const recorded = recordingActivities();

beforeAll(async () => {
  env = await timeSkippingEnvironment();
  worker = await createWorker(env, recorded.activities);
  running = worker.run();
  const year = new Date(await env.currentTimeMs()).getUTCFullYear();
  calendar = new WorkingCalendar(
    buildCalendarSnapshot({ kind: 'vn', fromYear: year, toYear: year + 2, allowUnannounced: true }),
  );
});

afterAll(async () => {
  worker.shutdown();
  await running;
  await env.teardown();
});

/** `hh:mm` local time (UTC+7) on the local date of `day`. */
function localMoment(day: Date, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  const local = new Date(day.getTime() + 7 * HOUR);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), h - 7, m));
}

async function skipTo(moment: Date) {
  const now = await env.currentTimeMs();
  if (moment.getTime() <= now) throw new Error(`cannot go back to ${formatVietnamTime(moment)}`);
  await env.sleep(moment.getTime() - now);
}

/** The first working day after tomorrow for which `accept` holds. */
function findWorkingDay(from: number, accept: (day: Date) => boolean): Date {
  for (let t = from + 2 * DAY; t < from + 800 * DAY; t += DAY) {
    const day = localMoment(new Date(t), '10:00');
    if (calendar.isWorkingDay(day) && accept(day)) return day;
  }
  throw new Error('no such day in the calendar');
}

const holidayBetween = (a: Date, b: Date) => {
  for (let t = a.getTime() + DAY; t < b.getTime(); t += DAY) {
    const d = new Date(t);
    if (calendar.holidayName(d) && ![0, 6].includes(new Date(t + 7 * HOUR).getUTCDay())) return true;
  }
  return false;
};
const weekendBetween = (a: Date, b: Date) => {
  for (let t = a.getTime() + DAY; t < b.getTime(); t += DAY)
    if ([0, 6].includes(new Date(t + 7 * HOUR).getUTCDay())) return true;
  return false;
};

test('reminders fire at 07:30 of the right working days across a weekend and a public holiday', async () => {
  const receipt = findWorkingDay(await env.currentTimeMs(), (day) => {
    const due = calendar.addDuration(day, { amount: 3, unit: 'working_days' });
    return holidayBetween(day, due) && weekendBetween(day, due);
  });
  await skipTo(receipt);
  const handle = await startDossierWorkflow(env, HOUSEHOLD_BUSINESS, { code: `TIMERS-${receipt.getTime()}` });
  const state = await handle.query(stateQuery);
  const due = new Date(state.dueAt!);
  expect(formatVietnamTime(due)).toMatch(/T23:59:59\.999\+07:00$/);

  await skipTo(new Date(due.getTime() + HOUR));
  const reminders = recorded.sent.filter(
    (n) => n.dossierCode === handle.workflowId && n.occasion === 'dossier_reminder',
  );
  expect(reminders).toHaveLength(2);
  for (const [i, offset] of [2, 1].entries()) {
    const at = reminders[i].at;
    expect(formatVietnamTime(at).slice(11, 16)).toBe('07:30');
    expect(calendar.isWorkingDay(at)).toBe(true);
    // `offset` working days lie between the reminder's day and the due day.
    expect(calendar.workingDaysBetween(at, due)).toBe(offset);
  }
  const overdue = recorded.sent.filter(
    (n) => n.dossierCode === handle.workflowId && n.occasion === 'overdue_apology',
  );
  expect(overdue).toHaveLength(1);
  expect(Math.abs(overdue[0].at.getTime() - due.getTime())).toBeLessThan(1_000);
  const escalation = recorded.sent.filter(
    (n) => n.dossierCode === handle.workflowId && n.occasion === 'escalation',
  );
  expect(escalation.map((n) => n.audience)).toEqual([
    { kind: 'staff', agencyCode: 'commune', roles: ['leader'] },
  ]);
});

test('paper received before 15:00 moves the same day, after 15:00 at the start of the next working day', async () => {
  const day = findWorkingDay(await env.currentTimeMs(), () => true);
  await skipTo(localMoment(day, '14:59'));
  const early = await startDossierWorkflow(env, HOUSEHOLD_BUSINESS, { code: `CUTOFF-A-${day.getTime()}` });
  let state = await early.query(stateQuery);
  expect(state.status).toBe('processing');
  expect(state.transferredAt).toBe(state.receivedAt);

  await skipTo(localMoment(day, '15:01'));
  const late = await startDossierWorkflow(env, HOUSEHOLD_BUSINESS, { code: `CUTOFF-B-${day.getTime()}` });
  state = await late.query(stateQuery);
  expect(state.status).toBe('received');
  const nextOpening = calendar.startOfNextWorkingDay(day);
  expect(state.transferAt).toBe(nextOpening.toISOString());

  await skipTo(new Date(nextOpening.getTime() + 60_000));
  state = await late.query(stateQuery);
  expect(state.status).toBe('processing');
  expect(state.transferredAt).toBe(nextOpening.toISOString());
  expect(state.handoffs[0]).toMatchObject({
    fromAgency: 'commune',
    toAgency: 'commune',
    givenAt: nextOpening.toISOString(),
  });
});

test('an online submission alerts the desk on arrival and at 2 working hours, and reminds it before its 8 run out', async () => {
  const day = findWorkingDay(await env.currentTimeMs(), () => true);
  await skipTo(localMoment(day, '16:00'));
  const handle = await startDossierWorkflow(env, HOUSEHOLD_BUSINESS, {
    online: true,
    code: `ONLINE-${day.getTime()}`,
  });
  const state = await handle.query(stateQuery);
  expect(state.status).toBe('submitted');
  const acceptBy = new Date(state.acceptBy!);
  expect(calendar.workingTimeBetween(new Date(state.submittedAt), acceptBy)).toBe(8 * 60);

  await skipTo(new Date(acceptBy.getTime() + 60_000));
  const toDesk = recorded.sent.filter(
    (n) => n.dossierCode === handle.workflowId && n.occasion === 'acceptance_reminder',
  );
  // B4: the desk heard of the submission when it arrived and again 2 working hours later (118 Art. 17(2)).
  const alerts = toDesk.filter((n) => n.occurrence.startsWith('submission_alert'));
  expect(alerts.map((n) => calendar.workingTimeBetween(new Date(state.submittedAt), n.at))).toEqual([
    0,
    2 * 60,
  ]);
  const reminders = toDesk.filter((n) => !alerts.includes(n));
  expect(reminders.map((n) => n.audience)).toEqual([
    { kind: 'staff', agencyCode: 'commune', roles: ['receiver'] },
    { kind: 'staff', agencyCode: 'commune', roles: ['receiver'] },
  ]);
  // Two working hours ahead, give or take the moment the activity was scheduled after the timer.
  expect(Math.abs(calendar.workingTimeBetween(reminders[0].at, acceptBy) - 2 * 60)).toBeLessThanOrEqual(1);
});

test('a judicial record certificate is due in 10 days, or 15 once the police declare that they must verify', async () => {
  const JUDICIAL_RECORD = '3.000333';
  const day = findWorkingDay(await env.currentTimeMs(), () => true);
  await skipTo(localMoment(day, '09:00'));
  const plain = await startDossierWorkflow(env, JUDICIAL_RECORD, { code: `JUDICIAL-A-${day.getTime()}` });
  const verified = await startDossierWorkflow(env, JUDICIAL_RECORD, { code: `JUDICIAL-B-${day.getTime()}` });
  const receipt = new Date((await plain.query(stateQuery)).receivedAt!);
  const tenDays = calendar.addDuration(receipt, { amount: 10, unit: 'days' });
  const fifteenDays = calendar.addDuration(receipt, { amount: 15, unit: 'days' });
  expect((await plain.query(stateQuery)).dueAt).toBe(tenDays.toISOString());

  // The lookup finds a conviction whose civil parts may be unpaid: the police declare verification.
  await skipTo(localMoment(day, '11:00'));
  const declared = await act(verified, 'requireVerification', {
    actor: specialist('police'),
    payload: { reason: 'Cần xác minh điều kiện đương nhiên được xóa án tích' },
  });
  expect(declared.dueAt).toBe(fifteenDays.toISOString());
  expect(declared.verification).toMatchObject({ agency: 'police', previousDueAt: tenDays.toISOString() });

  const overdueOf = (code: string) =>
    recorded.sent.filter((n) => n.dossierCode === code && n.occasion === 'overdue_apology');
  await skipTo(new Date(tenDays.getTime() + HOUR));
  expect(
    overdueOf(plain.workflowId).map((n) => Math.abs(n.at.getTime() - tenDays.getTime()) < 1_000),
  ).toEqual([true]);
  expect(overdueOf(verified.workflowId)).toEqual([]);
  await skipTo(new Date(fifteenDays.getTime() + HOUR));
  expect(
    overdueOf(verified.workflowId).map((n) => Math.abs(n.at.getTime() - fifteenDays.getTime()) < 1_000),
  ).toEqual([true]);
  const told = recorded.sent.filter(
    (n) => n.dossierCode === verified.workflowId && n.occasion === 'verification_required',
  );
  expect(told).toHaveLength(1);
});
