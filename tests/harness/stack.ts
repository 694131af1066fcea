import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { NativeConnection } from '@temporalio/worker';
import type express from 'express';
import pino from 'pino';
import request from 'supertest';
import { createDossierActivities } from '../../activities';
import { createFormRenderer } from '../../activities/forms';
import type { OutboundMessage, Sender } from '../../activities/notifications/channels';
import { createApp, type ApiDeps } from '../../api/app';
import { DEMO_AGENCIES } from '../../domain/agencies';
import type { DeliveryChannel } from '../../domain/notifications';
import { migrateDatabase, openDatabase, type Db, type Provider } from '../../platform/database';
import { syncProcedureCatalogue } from '../../platform/catalogue';
import { registerSearchAttributes } from '../../platform/search-attributes';
import { seedDemoProvince } from '../../platform/seed';
import { EncryptionCodec, type PayloadKey } from '../../platform/temporal/codec';
import { encryptedDataConverter } from '../../platform/temporal/encryption';
import { loadProcedures } from '../../procedures';
import { createDossierWorker } from '../../workers/runtime';
import { createTestDatabaseUrl } from './databases';
import { workflowBundle } from './temporal';

/**
 * The API as it runs: a migrated and seeded database, a real worker with the real workflow and
 * activities on the run's Temporal dev server (its own namespace and task queue), and the Express app in
 * front; `login` signs a demo user in. E-mail, SMS and Zalo are recording channels. Payloads are encrypted
 * as in production, with a key of the stack's own.
 */
export interface TestStack {
  app: express.Express;
  db: Db;
  client: Client;
  taskQueue: string;
  /** What the notify activity handed to the (recording) e-mail, SMS and Zalo channels. */
  delivered: { channel: DeliveryChannel; message: OutboundMessage }[];
  /** Another app on the same database and Temporal, with some dependencies replaced. */
  appWith(overrides: Partial<ApiDeps>): express.Express;
  /** A bearer token of a demo user (password 'demo'), cached per user. */
  login(username: string): Promise<string>;
  stop(): Promise<void>;
}

const PUBLIC_BASE_URL = 'http://motcua.test';
export const TEMPORAL_UI_ORIGIN = 'http://temporal-ui.test';

export interface TestStackOptions {
  /** The read model's database: SQLite unless told otherwise. */
  provider?: Provider;
  /** Overrides of the app's dependencies (a lower rate limit, a shorter Temporal deadline). */
  app?: Partial<ApiDeps>;
  /** The payload keys of the client, the worker and /codec; default one random key. */
  payloadKeys?: PayloadKey[];
}

export async function startTestStack(opts: TestStackOptions = {}): Promise<TestStack> {
  const address = process.env.MOTCUA_TEST_TEMPORAL_ADDRESS;
  if (!address)
    throw new Error('no Temporal dev server: run through jest so that tests/harness/global-setup runs');
  const testDatabase = await createTestDatabaseUrl(opts.provider ?? 'sqlite');
  await migrateDatabase(testDatabase.url);
  const database = await openDatabase(testDatabase.url);
  await seedDemoProvince(database.prisma, { password: 'demo' });
  await syncProcedureCatalogue(database.prisma, loadProcedures());

  const testFile = path.basename(expect.getState().testPath ?? 'api', '.test.ts');
  const taskQueue = `api-${testFile}-${randomUUID().slice(0, 8)}`;
  const connection = await Connection.connect({ address });
  // A namespace of its own: every stack's database numbers dossiers from 0001, and the dossier code is the
  // workflow id, so on the run's shared server the codes of two test files would meet.
  const namespace = taskQueue;
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  await registerSearchAttributes(connection, namespace);
  const payloadKeys = opts.payloadKeys ?? [{ id: 'test', key: randomBytes(32) }];
  const dataConverter = encryptedDataConverter(payloadKeys);
  const client = new Client({ connection, namespace, dataConverter });
  const logger = pino({ level: 'silent' });
  const delivered: TestStack['delivered'] = [];
  const recording = (name: DeliveryChannel): Sender => ({
    name,
    async send(message) {
      delivered.push({ channel: name, message });
      return { providerMessageId: `test-${delivered.length}` };
    },
  });
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await createDossierWorker({
    connection: nativeConnection,
    namespace,
    taskQueue,
    dataConverter,
    workflowBundle: workflowBundle(),
    activities: createDossierActivities({
      db: database.prisma,
      logger,
      channels: { email: recording('email'), sms: recording('sms'), zalo: recording('zalo') },
      publicBaseUrl: PUBLIC_BASE_URL,
    }),
  });
  const running = worker.run();

  const deps: ApiDeps = {
    temporal: client,
    taskQueue,
    db: database.prisma,
    logger,
    jwtSecret: randomBytes(32),
    tokenTtl: '1h',
    publicBaseUrl: PUBLIC_BASE_URL,
    procedures: loadProcedures(),
    agencies: DEMO_AGENCIES,
    forms: createFormRenderer({ db: database.prisma, publicBaseUrl: PUBLIC_BASE_URL }),
    // Tests make many public calls; the rate-limit test builds its own tighter app.
    rateLimit: { windowMs: 60_000, limit: 100_000 },
    codecServer: { codec: new EncryptionCodec(payloadKeys), uiOrigins: [TEMPORAL_UI_ORIGIN] },
    ...opts.app,
  };
  const app = createApp(deps);

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
    delivered,
    appWith: (overrides) => createApp({ ...deps, ...overrides }),
    login,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
      await database.close();
      await testDatabase.dispose();
    },
  };
}
