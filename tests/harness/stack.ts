import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type express from 'express';
import pino from 'pino';
import request from 'supertest';
import type { DossierActivities, NotifyInput } from '../../activities/types';
// eslint-disable-next-line no-restricted-imports -- the harness serves the API under test
import { createApp, type ApiDeps } from '../../api/app';
import { DEMO_AGENCIES } from '../../domain/agencies';
import { status } from '../../domain/status';
import { migrateDatabase, openDatabase, type Db } from '../../platform/database';
import { appendDossierEvent, upsertHandoff } from '../../platform/read-model';
import { seedDemoProvince } from '../../platform/seed';
import { loadProcedures } from '../../procedures';
import { createDossierWorker } from '../../workers/worker';
import { workflowBundle } from './temporal';

/**
 * The API as it runs: a migrated and seeded database, a real worker with the real workflow on the run's
 * Temporal dev server (its own task queue), and the Express app in front; `login` signs a demo user in.
 */
export interface TestStack {
  app: express.Express;
  db: Db;
  client: Client;
  taskQueue: string;
  /** What the workflows asked the notify activity to send. */
  notified: NotifyInput[];
  /** A bearer token of a demo user (password 'demo'), cached per user. */
  login(username: string): Promise<string>;
  stop(): Promise<void>;
}

export interface TestStackOptions {
  databaseUrl?: string;
  /** Overrides of the app's dependencies (a lower rate limit, a shorter Temporal deadline). */
  app?: Partial<ApiDeps>;
}

export async function startTestStack(opts: TestStackOptions = {}): Promise<TestStack> {
  const address = process.env.MOTCUA_TEST_TEMPORAL_ADDRESS;
  if (!address)
    throw new Error('no Temporal dev server: run through jest so that tests/harness/global-setup runs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-api-'));
  const url = opts.databaseUrl ?? `file:${path.join(dir, 'motcua.db')}`;
  await migrateDatabase(url);
  const database = await openDatabase(url);
  await seedDemoProvince(database.prisma, { password: 'demo' });

  const testFile = path.basename(expect.getState().testPath ?? 'api', '.test.ts');
  const taskQueue = `api-${testFile}-${randomUUID().slice(0, 8)}`;
  const notified: NotifyInput[] = [];
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await createDossierWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    activities: interimActivities(database.prisma, notified),
    workflowBundle: workflowBundle(),
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });

  const app = createApp({
    temporal: client,
    taskQueue,
    db: database.prisma,
    logger: pino({ level: 'silent' }),
    jwtSecret: randomBytes(32),
    tokenTtl: '1h',
    publicBaseUrl: 'http://motcua.test',
    procedures: loadProcedures(),
    agencies: DEMO_AGENCIES,
    // Tests make many public calls; the rate-limit test builds its own tighter app.
    rateLimit: { windowMs: 60_000, limit: 100_000 },
    ...opts.app,
  });

  const tokens = new Map<string, Promise<string>>();
  const login = (username: string) => {
    let token = tokens.get(username);
    if (!token) {
      token = request(app)
        .post('/api/v1/auth/login')
        .send({ username, password: 'demo' })
        .then((res) => {
          if (res.status !== 200)
            throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
          return (res.body as { token: string }).token;
        });
      tokens.set(username, token);
    }
    return token;
  };

  return {
    app,
    db: database.prisma,
    client,
    taskQueue,
    notified,
    login,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// TODO(lead): replace with createDossierActivities from activities/index.ts once it lands.
function interimActivities(db: Db, notified: NotifyInput[]): DossierActivities {
  return {
    async projectDossier({ state, procedureName }) {
      const active = state.steps.filter((s) => s.state === 'active');
      const current = status(state.status);
      const date = (s?: string) => (s ? new Date(s) : null);
      await db.dossier.updateMany({
        where: { code: state.code, projectionVersion: { lt: state.version } },
        data: {
          procedureName,
          statusCode: current.code,
          statusKey: current.key,
          substate: state.substate ?? null,
          currentStepIds: active.map((s) => s.id).join(',') || null,
          currentAgencyCode: active[0]?.agency ?? null,
          receivedAt: date(state.receivedAt),
          acceptBy: date(state.acceptBy),
          dueAt: date(state.dueAt),
          originalDueAt: date(state.originalDueAt),
          extensionCount: state.extensionCount,
          supplementCount: state.supplementCount,
          completionRequestCount: state.completionRequestCount,
          overdue: state.overdue,
          finishedAt: date(state.finishedAt),
          returnedAt: date(state.returnedAt),
          onTime: state.onTime ?? null,
          documents: state.documents as never,
          steps: state.steps as never,
          projectionVersion: state.version,
        },
      });
      for (const e of state.events) {
        await appendDossierEvent(db, {
          key: `${state.code}:wf:${e.seq}`,
          dossierCode: state.code,
          action: e.action,
          actor: e.actor,
          actorRole: e.actorRole,
          agencyCode: e.agencyCode,
          fromStatus: status(e.from).code,
          toStatus: status(e.to).code,
          outcome: 'applied',
          detail: (e.detail ?? undefined) as never,
          at: new Date(e.at),
        });
      }
      for (const h of state.handoffs) {
        await upsertHandoff(db, {
          key: `${state.code}:h:${h.seq}`,
          dossierCode: state.code,
          seq: h.seq,
          stepId: h.stepId,
          fromAgencyCode: h.fromAgency,
          toAgencyCode: h.toAgency,
          givenAt: new Date(h.givenAt),
          givenBy: h.givenBy,
          dueAt: date(h.dueAt),
          completedAt: date(h.completedAt),
          result: h.result,
          note: h.note,
        });
      }
    },
    async notify(input) {
      notified.push(input);
      return { sent: 1, skipped: 0, failed: 0 };
    },
  };
}
