import { PORTAL_SERVICES } from '../../domain/portal/transport';
import { startPortalSimulator, type PortalSimulator } from '../../platform/dev/portal-simulator';
import { ensurePortalRatingsSchedule } from '../../workers/portal-ratings-schedule';
import { PORTAL_RATINGS_SCHEDULE_ID, portalRatingsWorkflowId } from '../../workflows/portal-messages';
import type {
  portalMonthlyRatingsWorkflow,
  portalRatingsScheduledWorkflow,
} from '../../workflows/portal-ratings';
import { eventually } from '../api/support';
import { startTestStack, type TestStack } from '../harness/stack';

let simulator: PortalSimulator;
let stack: TestStack;

beforeAll(async () => {
  simulator = await startPortalSimulator();
  stack = await startTestStack({ portal: simulator });
  const rate = (dossierCode: string, createdAt: string, scores: Record<string, number>, comment?: string) =>
    stack.db.rating.create({ data: { dossierCode, scores, comment, createdAt: new Date(createdAt) } });
  // March 2026 in Hà Nội, the first and last moments of it, and one rating on each side.
  await rate('H56.01-260301-0001', '2026-02-28T17:00:00Z', { resultTime: 5, staffAttitude: 4 }, 'Nhanh');
  await rate('H56.01-260331-0002', '2026-03-31T16:59:59Z', { resultTime: 3, onlineService: 2 });
  await rate('H56.01-260228-0003', '2026-02-28T16:59:59Z', { resultTime: 1 });
  await rate('H56.01-260401-0004', '2026-03-31T17:00:00Z', { resultTime: 1 });
});

afterAll(async () => {
  await stack.stop();
  await simulator.stop();
});

const ratingCalls = (month: string) =>
  simulator.calls.filter((c) => c.service === PORTAL_SERVICES.syncRatings && c.change === `ratings#${month}`);

const startMonth = (month: string) =>
  stack.client.workflow.start<typeof portalMonthlyRatingsWorkflow>('portalMonthlyRatingsWorkflow', {
    taskQueue: stack.taskQueue,
    workflowId: portalRatingsWorkflowId(month),
    args: [month],
  });

test("the month's workflow sends the ratings given in that month, per item, to the portal", async () => {
  const handle = await startMonth('2026-03');
  expect(await handle.result()).toBe(2);
  const summary = simulator.ratings.get('2026-03');
  expect(summary).toMatchObject({ Thang: '03', Nam: '2026', SoLuotDanhGia: '2' });
  const byCode = new Map(summary!.DanhSachTieuChi.map((i) => [i.MaTieuChi, i]));
  expect(byCode.get('a')).toMatchObject({ SoLuotDanhGia: '2', RatHaiLong: '1', BinhThuong: '1' });
  expect(byCode.get('h')).toMatchObject({ SoLuotDanhGia: '1', KhongHaiLong: '1' });
  expect(byCode.get('i')).toMatchObject({ SoLuotDanhGia: '1' });
  expect(ratingCalls('2026-03').map((c) => c.answer?.error_code)).toEqual([0]);
});

test('a portal that is down gets the month once it is back, and only once', async () => {
  simulator.behaviour = 'down';
  const handle = await startMonth('2026-04');
  await eventually(async () => expect(ratingCalls('2026-04').length).toBeGreaterThan(0), 60_000);
  expect(simulator.ratings.has('2026-04')).toBe(false);
  simulator.behaviour = 'normal';
  expect(await handle.result()).toBe(1);
  expect(ratingCalls('2026-04').filter((c) => c.answer?.error_code === 0)).toHaveLength(1);
});

test('the schedule runs monthly in Hà Nội time, and a second run for the same month sends nothing', async () => {
  // The stack created it at start; a second start updates it in place.
  await ensurePortalRatingsSchedule(stack.client, stack.taskQueue);
  const schedule = stack.client.schedule.getHandle(PORTAL_RATINGS_SCHEDULE_ID);
  const description = await schedule.describe();
  expect(description.spec.timezone).toBe('Asia/Ho_Chi_Minh');
  expect(description.spec.calendars).toEqual([
    expect.objectContaining({
      dayOfMonth: [{ start: 1, end: 1, step: 1 }],
      hour: [{ start: 1, end: 1, step: 1 }],
    }),
  ]);

  await schedule.trigger();
  const first = await eventually(async () => {
    const [action] = (await schedule.describe()).info.recentActions;
    expect(action).toBeDefined();
    return action.action.workflow.workflowId;
  }, 30_000);
  const firstRun = await stack.client.workflow
    .getHandle<typeof portalRatingsScheduledWorkflow>(first)
    .result();
  expect(firstRun.sentNow).toBe(true);
  expect(simulator.ratings.has(firstRun.month)).toBe(true);

  await schedule.trigger();
  const second = await eventually(async () => {
    const actions = (await schedule.describe()).info.recentActions;
    expect(actions).toHaveLength(2);
    return actions[1].action.workflow.workflowId;
  }, 30_000);
  const secondRun = await stack.client.workflow
    .getHandle<typeof portalRatingsScheduledWorkflow>(second)
    .result();
  expect(secondRun).toEqual({ month: firstRun.month, sentNow: false });
  expect(ratingCalls(firstRun.month)).toHaveLength(1);
});
