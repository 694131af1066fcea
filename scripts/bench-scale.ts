/**
 * `npm run bench:scale [-- --dossiers N --burst M]`: the production topology (cluster/cluster.ts: the
 * Temporal server on PostgreSQL, worker processes) under many dossiers. Measures, in order:
 *
 * 1. whole lives (reception, four steps, approval, return) per second with two workers, then with one;
 * 2. the history of one whole life: events and bytes (whether a dossier ever needs continue-as-new);
 * 3. N dossiers opened and left waiting in processing, then each worker process's RSS with the sticky
 *    cache and heap limit of cluster/topology.ts (another cache size: `--cached-workflows`). They are
 *    judicial record certificates, whose steps take working days: demo dossiers, whose timers fire within
 *    minutes of receipt, would not wait but turn the opening into a storm of reminders and overdue alerts;
 * 4. the morning reminder burst: up to M more dossiers whose first reminders all fall due at one moment,
 *    how late each reminder passed each stage, from its timer to the message sent (p50, p99), and how many
 *    messages a second the notification workers held.
 *
 * Dossiers go straight through the workflow client (the API's own path is measured by bench:api).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { createLogger } from '../platform/config/logger';
import { encryptedDataConverter, parsePayloadKeys } from '../platform/temporal/encryption';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLUSTER_DIR } from '../cluster/binaries';
import { startCluster, type Cluster } from '../cluster/cluster';
import { WORKER_ENVIRONMENT } from '../cluster/topology';
import { openDatabase, type Db } from '../platform/database/client';
import { dossierLives, quantile } from './bench-api';

const TASK_QUEUE = 'bench-scale';
/** Cấp Phiếu lý lịch tư pháp (procedures/judicial-record-certificate.ts): received at the centre, steps in working days. */
const WAITING_PROCEDURE = '3.000333';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '100000' },
    lives: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '20' },
    'cached-workflows': { type: 'string' },
    burst: { type: 'string', default: '2000' },
  },
});
const DOSSIERS = Number(values.dossiers);
const BURST = Number(values.burst);
const LIVES = Number(values.lives);
const CONCURRENCY = Number(values.concurrency);
const WARM_UP_LIVES = 2 * CONCURRENCY;

/** Runs `task(0…count-1)` `CONCURRENCY` at a time; answers the count done per second. */
async function perSecond(count: number, task: (n: number) => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** RSS in MB of each worker process under this one (tsx runs the entry point in a child). */
function workerRss(): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Ended meanwhile.
    }
  }
  const rss: number[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      let cmdline: string, kb: string | undefined;
      try {
        cmdline = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8');
        kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child}/status`, 'utf8'))?.[1];
      } catch {
        continue; // Ended meanwhile (a tsx launcher's helper, say).
      }
      // The process that runs the worker itself, not the tsx launcher above it.
      if (cmdline.includes('workers/worker.ts') && !children.get(child)?.length && kb)
        rss.push(Number(kb) / 1024);
      visit(child);
    }
  };
  visit(process.pid);
  return rss;
}

/** Each worker's RSS as printed: "612 MB, 598 MB". */
const workerRssText = () =>
  workerRss()
    .map((mb) => `${mb.toFixed(0)} MB`)
    .join(', ');

/** The demo procedure's first step reminder: 5 minutes before its 10-minute review ends (procedures/demo.ts). */
const FIRST_REMINDER_AFTER_RECEIPT_MS = 5 * 60_000;

/** The moments a reminder passes on its way out, each as a Unix time in ms. */
interface ReminderPath {
  /** The server fired the dossier's timer (TimerFired). */
  fired: number;
  /** A worker took the workflow task that timer woke (WorkflowTaskStarted). */
  taken: number;
  /** The workflow handed the reminder to the notification queue (the `notify` ActivityTaskScheduled). */
  handedOver: number;
}

/**
 * Each dossier's first step reminder followed through its history, from the timer the server fired to the
 * reminder handed to the notification queue, where the channels' pace takes over.
 */
async function reminderPaths(client: Client, codes: string[]): Promise<ReminderPath[]> {
  const { loadedDataConverter } = client.options;
  const { EventType } = temporal.api.enums.v1;
  const paths: ReminderPath[] = [];
  await perSecond(codes.length, async (n) => {
    const events = (await client.workflow.getHandle(codes[n]).fetchHistory()).events ?? [];
    const byId = new Map(events.map((event) => [Number(event.eventId), event]));
    for (const event of events) {
      const activity = event.activityTaskScheduledEventAttributes;
      if (activity?.activityType?.name !== 'notify') continue;
      const { occasion } = await decodeFromPayloadsAtIndex<{ occasion: string }>(
        loadedDataConverter,
        0,
        activity.input?.payloads,
      );
      if (occasion !== 'step_reminder') continue;
      const task = byId.get(
        Number(activity.workflowTaskCompletedEventId),
      )?.workflowTaskCompletedEventAttributes;
      const woken = Number(task?.scheduledEventId);
      const fired = events
        .filter((e) => e.eventType === EventType.EVENT_TYPE_TIMER_FIRED && Number(e.eventId) < woken)
        .at(-1);
      return void paths.push({
        fired: tsToMs(fired?.eventTime),
        taken: tsToMs(byId.get(Number(task?.startedEventId))?.eventTime),
        handedOver: tsToMs(event.eventTime),
      });
    }
  });
  return paths;
}

/**
 * The morning burst, as at 07:30 when every reminder of the day falls due: demo dossiers received at one
 * moment (the first is opened then, the rest are receipts a clerk dates back to it), so that all their
 * first step reminders fall due together 5 minutes later, after the last is opened. As many as can be
 * opened by then at `openRate`, `count` at most. Lateness from that moment at each stage of a reminder's
 * path (`reminderPaths`), then to the outbox's first `sentAt` of its reminder, after the channels' pace.
 * The rate counts every message sent from the moment until the last reminder.
 */
async function reminderBurst(
  client: Client,
  receive: ReturnType<typeof dossierLives>['receive'],
  db: Db,
  count: number,
  openRate: number,
  firstNumber: number,
) {
  const submittedAt = new Date();
  const dueAt = submittedAt.getTime() + FIRST_REMINDER_AFTER_RECEIPT_MS;
  const opening = Math.min(
    count,
    Math.floor((0.7 * openRate * (FIRST_REMINDER_AFTER_RECEIPT_MS - 60_000)) / 1_000),
  );
  const codes: string[] = [];
  let openedLate = 0;
  await perSecond(opening, async (n) => {
    codes.push((await receive(firstNumber + n, submittedAt)).workflowId);
    if (Date.now() > dueAt) openedLate += 1;
  });
  const firstSent = new Map<string, number>();
  for (
    const giveUp = dueAt + 10 * 60_000;
    firstSent.size < opening && Date.now() < giveUp;
    await sleep(5_000)
  ) {
    const rows = await db.notification.findMany({
      where: { occasion: 'step_reminder', dossierCode: { in: codes }, sentAt: { not: null } },
      select: { dossierCode: true, sentAt: true },
    });
    for (const { dossierCode, sentAt } of rows) {
      const at = sentAt!.getTime();
      firstSent.set(dossierCode, Math.min(at, firstSent.get(dossierCode) ?? at));
    }
  }
  const lateness = (moments: number[]) => {
    const seconds = moments.map((at) => (at - dueAt) / 1_000).sort((a, b) => a - b);
    return { p50: quantile(seconds, 0.5), p99: quantile(seconds, 0.99), last: seconds.at(-1) ?? 0 };
  };
  const sent = lateness([...firstSent.values()]);
  const lastAt = dueAt + 1_000 * sent.last;
  const sentInBurst = await db.notification.count({
    where: { sentAt: { gte: new Date(dueAt), lte: new Date(lastAt) } },
  });
  const paths = await reminderPaths(client, codes);
  return {
    opened: opening,
    reminded: firstSent.size,
    openedLate,
    followed: paths.length,
    stages: {
      'timer fired': lateness(paths.map((p) => p.fired)),
      'task taken by a worker': lateness(paths.map((p) => p.taken)),
      'handed to the notification queue': lateness(paths.map((p) => p.handedOver)),
      sent,
    },
    perSecond: sentInBurst / Math.max((lastAt - dueAt) / 1_000, 1),
  };
}

async function main(): Promise<void> {
  const logger = createLogger('warn');
  if (values['cached-workflows']) process.env.MOTCUA_WORKER_CACHED_WORKFLOWS = values['cached-workflows'];
  const workerMemory =
    `the cache at ${process.env.MOTCUA_WORKER_CACHED_WORKFLOWS ?? WORKER_ENVIRONMENT.MOTCUA_WORKER_CACHED_WORKFLOWS}, ` +
    `${process.env.NODE_OPTIONS ?? WORKER_ENVIRONMENT.NODE_OPTIONS}`;
  const log = (message: string) => console.log(`[bench-scale] ${message}`);
  log('starting PostgreSQL, the Temporal server and two workers');
  const cluster: Cluster = await startCluster({
    temporal: 'server',
    runDir: path.join(CLUSTER_DIR, 'bench-scale'),
    // Membership ports lie 300 below the frontend's and must stay under 32768 (cluster/temporal/motcua.yaml).
    temporalPort: 24233,
    apiPorts: [],
    workers: 2,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    logger,
  });
  try {
    const connection = await Connection.connect({ address: cluster.temporalAddress });
    const client = new Client({
      connection,
      dataConverter: encryptedDataConverter(parsePayloadKeys(cluster.payloadKeys, 'cluster')),
    });
    const database = await openDatabase(cluster.databaseUrl);
    const { open, receive, finish } = dossierLives(client, TASK_QUEUE, database.prisma);
    const waiting = dossierLives(client, TASK_QUEUE, database.prisma, WAITING_PROCEDURE);
    // Each figure is printed as soon as it is measured: a later phase that fails does not lose it.
    const figure = (text: string) => console.log(`[bench-scale] FIGURE ${text}`);
    let last: WorkflowHandle | undefined;
    let openMs: number[] = [];
    let actionMs: number[] = [];
    const life = async (n: number) => {
      const started = performance.now();
      const handle = await open(n);
      openMs.push(performance.now() - started);
      await finish(handle, actionMs);
      last = handle;
    };
    const p50p99 = (ms: number[]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      return [0.5, 0.99].map((q) => `${quantile(sorted, q).toFixed(0)} ms`).join(', ');
    };
    /** Lives per second, and how long each reception and each clerk's action (a workflow Update) took. */
    const lives = async (label: string, first: number) => {
      [openMs, actionMs] = [[], []];
      const rate = await perSecond(LIVES, (n) => life(first + n));
      figure(
        `whole lives: ${rate.toFixed(1)}/s with ${label}; p50, p99 of a reception ${p50p99(openMs)}, ` +
          `of an action ${p50p99(actionMs)}`,
      );
    };
    console.log(`MotCua scale benchmark (Temporal server on PostgreSQL, cluster/cluster.ts)`);
    // Both workers warm first: a worker started during a measurement would count its start-up against it.
    log(`${WARM_UP_LIVES} whole lives to warm both workers up`);
    await perSecond(WARM_UP_LIVES, (n) => life(2 * LIVES + n));
    log(`${LIVES} whole lives with two workers, ${CONCURRENCY} at a time`);
    await lives('two workers', 0);
    await cluster.workers[1].stop();
    log(`${LIVES} whole lives with one worker`);
    await lives('one worker', LIVES);
    await cluster.workers[1].restart();
    const history = await last!.fetchHistory();
    const bytes = temporal.api.history.v1.History.encode(history).finish().length;
    figure(
      `one whole life's history: ${history.events?.length ?? 0} events, ${bytes} bytes ` +
        `(continue-as-new is advised past 10,240 events or 10 MB)`,
    );

    log(`opening ${DOSSIERS} judicial record certificates waiting in processing`);
    const opened = await perSecond(DOSSIERS, (n) => waiting.open(2 * LIVES + WARM_UP_LIVES + n));
    figure(
      `${DOSSIERS} dossiers waiting in processing, opened at ${opened.toFixed(1)}/s; worker RSS ` +
        `${workerRssText()} with ${workerMemory}; ${waiting.retried.queries} state reads asked again after the ` +
        `server could not answer in time`,
    );

    // `--burst 0` ends with the waiting dossiers' figure, for a run that measures only those.
    if (BURST > 0) {
      log(`the reminder burst: up to ${BURST} dossiers whose first reminders fall due at one moment`);
      const burst = await reminderBurst(
        client,
        receive,
        database.prisma,
        BURST,
        opened,
        2 * LIVES + WARM_UP_LIVES + DOSSIERS,
      );
      const stages = Object.entries(burst.stages)
        .map(([stage, { p50, p99 }]) => `${stage} p50 ${p50.toFixed(1)} s, p99 ${p99.toFixed(1)} s`)
        .join('; ');
      figure(
        `reminder burst: ${burst.reminded} of ${burst.opened} first reminders sent (${burst.openedLate} dossiers opened ` +
          `after the moment); lateness (aim: p99 ≤ 60 s), ${burst.followed} followed through their histories: ` +
          `${stages}; ${burst.perSecond.toFixed(1)} messages/s sent meanwhile; worker RSS ${workerRssText()}`,
      );
    }
    await connection.close();
    await database.close();
  } finally {
    await cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
