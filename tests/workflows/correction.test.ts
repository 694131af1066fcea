/**
 * Row F9 on the time-skipping server: a new dossier's workflow ends at the return, and a correction runs as
 * its own workflow with a reminder before its 3-working-day limit, an alert when it passes, each message once.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { WorkingCalendar } from '../../domain/calendar';
import { correctionWorkflowId } from '../../domain/correction/correction';
import { prepareCorrection } from '../../domain/correction/start';
import type { correctionWorkflow } from '../../workflows/correction';
import { completeCorrectionUpdate, correctionStateQuery } from '../../workflows/correction-messages';
import { eventually } from '../api/support';
import {
  act,
  leader,
  procedure,
  receiver,
  refusal,
  skipToWorkingMorning,
  specialist,
  startDossierWorkflow,
  timeSkippingWorker,
} from '../harness/dossiers';
import { TASK_QUEUE } from '../harness/temporal';

const HOUSEHOLD_BUSINESS = '1.001612';

const setup = timeSkippingWorker();
const recorded = setup.recorded;

const sentFor = (code: string, occasion: string) =>
  recorded.sent.filter((n) => n.dossierCode === code && n.occasion === occasion);
const delivered = (code: string, occasion: string) =>
  eventually(() => {
    const sent = sentFor(code, occasion);
    if (!sent.length) throw new Error(`no ${occasion} message yet`);
    return Promise.resolve(sent);
  });

/** A returned dossier, its workflow ended, and a correction of it requested at the desk. */
async function returnedThenCorrection() {
  const { env } = setup;
  await skipToWorkingMorning(env);
  const dossier = await startDossierWorkflow(env, HOUSEHOLD_BUSINESS);
  await act(dossier, 'completeStep', { actor: specialist('commune'), payload: { stepId: 'review' } });
  await act(dossier, 'approve', { actor: leader('commune'), payload: {} });
  await act(dossier, 'returnResult', { actor: receiver('commune'), payload: { method: 'counter' } });
  const returned = await dossier.result();
  expect(returned.status).toBe('returned');

  const input = prepareCorrection(returned, procedure(HOUSEHOLD_BUSINESS), {
    seq: 1,
    actor: receiver('commune'),
    reason: 'Sai tên chủ hộ kinh doanh',
    now: new Date(await env.currentTimeMs()),
  });
  const handle = await env.client.workflow.start<typeof correctionWorkflow>('correctionWorkflow', {
    taskQueue: TASK_QUEUE,
    workflowId: correctionWorkflowId(returned.code, 1),
    args: [input],
  });
  const state = await handle.query(correctionStateQuery);
  expect(state).toMatchObject({ status: 'correcting', resultAgency: 'commune', seq: 1 });
  await delivered(state.dossierCode, 'transferred');
  return { handle, state, calendar: new WorkingCalendar(input.calendar) };
}

async function skipPast(when: Date) {
  const { env } = setup;
  await env.sleep(when.getTime() + 60_000 - (await env.currentTimeMs()));
}

const correct = (handle: WorkflowHandle, agencyCode: string) =>
  handle.executeUpdate(completeCorrectionUpdate, {
    args: [{ actor: leader(agencyCode), payload: { note: 'Đã cấp lại giấy chứng nhận đúng tên' } }],
  });

test('a correction is reminded the day before its limit and the corrected result reaches the citizen once', async () => {
  const { handle, state, calendar } = await returnedThenCorrection();
  const code = state.dossierCode;
  expect(calendar.workingDaysBetween(new Date(state.requestedAt), new Date(state.dueAt))).toBe(3);

  await skipPast(calendar.subtractForReminder(new Date(state.dueAt), { amount: 1, unit: 'working_days' }));
  const [reminder] = await delivered(code, 'dossier_reminder');
  expect(calendar.workingDaysBetween(reminder.at, new Date(state.dueAt))).toBe(1);
  expect(reminder.audience).toEqual({
    kind: 'staff',
    agencyCode: 'commune',
    roles: ['leader', 'specialist'],
  });

  // Only the issuing agency corrects its result; the refusal leaves the case as it was.
  expect(await refusal(correct(handle, 'justice'))).toBe('FORBIDDEN');
  expect(await correct(handle, 'commune')).toMatchObject({ status: 'corrected', overdue: false });
  expect((await handle.result()).status).toBe('corrected');
  expect(sentFor(code, 'returned').map((n) => n.occurrence)).toEqual(['return:0', 'correction:1']);
  expect(sentFor(code, 'dossier_reminder')).toHaveLength(1);
  expect(sentFor(code, 'overdue_alert')).toHaveLength(0);
  // The read model was told of the completion before the workflow ended.
  expect(recorded.corrections).toContainEqual(
    expect.objectContaining({ dossierCode: code, status: 'corrected', version: 3 }),
  );
});

test('a correction past its limit alerts the issuing agency once, and can still be completed', async () => {
  const { handle, state } = await returnedThenCorrection();
  const code = state.dossierCode;
  await skipPast(new Date(state.dueAt));
  const [alert] = await delivered(code, 'overdue_alert');
  expect(Math.abs(alert.at.getTime() - Date.parse(state.dueAt))).toBeLessThan(1_000);
  expect((await handle.query(correctionStateQuery)).overdue).toBe(true);
  expect(await correct(handle, 'commune')).toMatchObject({ status: 'corrected', overdue: true });
  await handle.result(); // the workflow ends once its messages are out
  expect(sentFor(code, 'overdue_alert')).toHaveLength(1);
  expect(sentFor(code, 'returned').map((n) => n.occurrence)).toEqual(['return:0', 'correction:1']);
});
