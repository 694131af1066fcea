/**
 * Records the workflow histories that tests/workflows/replay.test.ts replays, one per shipped procedure, so
 * that a change to the workflow code that would break running dossiers fails the tests. Run it only when a
 * change is meant to start a new baseline (after guarding the change with patched()):
 * `npm run histories:record`, or `npm run histories:record -- <name>…` to record only those.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createCalendarActivities } from '../../activities/calendar';
import { prepareCalendarPublication, type YearAnnouncement } from '../../domain/calendar';
import { ANNOUNCEMENTS } from '../../domain/calendar/data';
import { vietnamDateKey } from '../../domain/calendar/time';
import { calendarPublishedSignal, stateQuery } from '../../workflows/messages';
import {
  act,
  createWorker,
  leader,
  procedure,
  receiver,
  recordingActivities,
  skipToWorkingMorning,
  specialist,
  startDossierWorkflow,
} from '../harness/dossiers';
import { timeSkippingEnvironment } from '../harness/temporal';

const OUT = __dirname;

type Scenario = (handle: WorkflowHandle, sleep: (ms: number) => Promise<void>) => Promise<void>;

/** Every kind of command a dossier issues: updates, parallel steps, supplement, timers, return. */
const demoFullLife: Scenario = async (handle, sleep) => {
    await act(handle, 'completeStep', { actor: specialist('justice'), payload: { stepId: 'review' } });
    await act(handle, 'requestSupplement', {
      actor: specialist('land'),
      payload: { reason: 'Thiếu', documents: ['Bản vẽ'] },
    });
    await sleep(20 * 60_000);
    await act(handle, 'supplement', {
      actor: receiver(),
      payload: { documents: [{ name: 'Bản vẽ', form: 'copy' }] },
    });
    await act(handle, 'completeStep', { actor: specialist('land'), payload: { stepId: 'land-opinion' } });
    await sleep(40 * 60_000);
    await act(handle, 'completeStep', {
      actor: specialist('construction'),
      payload: { stepId: 'construction-opinion' },
    });
    await act(handle, 'approve', { actor: leader('justice'), payload: { note: 'Đồng ý' } });
    await act(handle, 'returnResult', { actor: receiver(), payload: { method: 'counter' } });
};

const DAY = 24 * 3_600_000;

/** The calendar data the recording worker holds; a scenario may publish other data. */
let calendarData: Readonly<Record<number, unknown>> = ANNOUNCEMENTS;

/**
 * A holiday notice published while the dossier runs: one more day off, a week after the receipt, moves
 * its due date, and the citizen is told. Then the dossier lives on as usual.
 */
function calendarPublication(procedureCode: string): Scenario {
  return async (handle, sleep) => {
    const { receivedAt } = await handle.query(stateQuery);
    const dayOff = new Date(Date.parse(receivedAt!) + 7 * DAY);
    const date = vietnamDateKey(dayOff);
    const year = Number(date.slice(0, 4));
    const notice = (calendarData[year] ?? { year, daysOff: [], workingDays: [] }) as YearAnnouncement;
    const extra = { date, kind: 'extra' as const, name: 'Nghỉ (ghi lịch sử)', note: 'Dữ liệu ghi lịch sử', source: 'Ghi lịch sử' };
    calendarData = { ...calendarData, [year]: { ...notice, daysOff: [...notice.daysOff.filter((d) => d.date !== date), extra] } };
    await handle.signal(calendarPublishedSignal, { version: prepareCalendarPublication(calendarData).version });
    await sleep(60_000);
    await ordinaryLife(procedureCode)(handle, sleep);
  };
}

/**
 * A procedure's ordinary life: each step done by its agency a working day apart (the timers of each
 * step are scheduled and some fire), the leader's last step approves, the desk returns the result.
 */
function ordinaryLife(procedureCode: string): Scenario {
  const { steps, receivingAgency } = procedure(procedureCode);
  return async (handle, sleep) => {
    for (const step of steps.slice(0, -1)) {
      await sleep(DAY);
      await act(handle, 'completeStep', { actor: specialist(step.agency), payload: { stepId: step.id } });
    }
    await sleep(DAY);
    await act(handle, 'approve', { actor: leader(steps[steps.length - 1].agency), payload: {} });
    await act(handle, 'returnResult', { actor: receiver(receivingAgency), payload: { method: 'counter' } });
  };
}

/**
 * One history per shipped procedure, named after its file under procedures/, and one more whenever a
 * change starts a new way of issuing commands while the older histories keep the old way's.
 */
const HISTORIES: { name: string; procedureCode: string; scenario?: Scenario }[] = [
  { name: 'demo-full-life', procedureCode: '0.000001', scenario: demoFullLife },
  { name: 'demo-full-life-commands-at-once', procedureCode: '0.000001', scenario: demoFullLife },
  { name: 'birth-registration', procedureCode: '1.001193' },
  { name: 'house-construction-permit', procedureCode: '1.013225' },
  { name: 'household-business-registration', procedureCode: '1.001612' },
  { name: 'judicial-record-certificate', procedureCode: '3.000333' },
  { name: 'land-first-registration', procedureCode: '1.013978' },
  { name: 'calendar-publication', procedureCode: '1.013978', scenario: calendarPublication('1.013978') },
];

async function record(env: TestWorkflowEnvironment, { name, procedureCode, scenario }: (typeof HISTORIES)[number]) {
  // A counter receipt on a working morning moves on at once, whatever day the recording runs.
  await skipToWorkingMorning(env);
  const handle = await startDossierWorkflow(env, procedureCode, { code: `HISTORY-${name}` });
  await (scenario ?? ordinaryLife(procedureCode))(handle, (ms) => env.sleep(ms));
  await handle.result();
  const history = await handle.fetchHistory();
  fs.writeFileSync(path.join(OUT, `${name}.json`), historyToJSON(history));
  console.log(`recorded ${name}: ${history.events?.length} events`);
}

async function main() {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') });
  const bundlePath = path.join(fs.mkdtempSync('/tmp/motcua-record-'), 'workflows.js');
  fs.writeFileSync(bundlePath, code);
  process.env.MOTCUA_TEST_WORKFLOW_BUNDLE = bundlePath;
  const env = await timeSkippingEnvironment();
  const worker = await createWorker(env, {
    ...recordingActivities().activities,
    ...createCalendarActivities({ client: env.client, announcements: () => calendarData }),
  });
  const only = process.argv.slice(2);
  await worker.runUntil(async () => {
    for (const history of HISTORIES) {
      if (only.length === 0 || only.includes(history.name)) await record(env, history);
    }
  });
  await env.teardown();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
