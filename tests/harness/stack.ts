import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type Client,
} from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { NativeConnection } from '@temporalio/worker';
import type express from 'express';
import pino from 'pino';
import request from 'supertest';
import type { OutboundMessage, Sender } from '../../activities/notifications/channels';
import { createApp, type ApiDeps } from '../../api/app';
import { RATE_LIMIT_CLASSES } from '../../api/services';
import type { DeliveryChannel } from '../../domain/notifications';
import type { Db, Provider } from '../../platform/database/client';
import { registerSearchAttributes } from '../../platform/temporal/search-attributes';
import { SIMULATED_PAYMENT_PATH, type PortalSimulator } from '../../platform/dev/portal-simulator';
import type { PayloadKey } from '../../platform/temporal/codec';
import { startLocalStack } from '../../workers/stack';
import { DOSSIER_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
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
  /** A national-portal simulator that new dossiers report to; without it, no sync. */
  portal?: PortalSimulator;
}

export async function startTestStack(opts: TestStackOptions = {}): Promise<TestStack> {
  const address = process.env.MOTCUA_TEST_TEMPORAL_ADDRESS;
  if (!address)
    throw new Error('no Temporal dev server: run through jest so that tests/harness/global-setup runs');
  const testDatabase = await createTestDatabaseUrl(opts.provider ?? 'sqlite');

  const testFile = path.basename(expect.getState().testPath ?? 'api', '.test.ts');
  const taskQueue = `api-${testFile}-${randomUUID().slice(0, 8)}`;
  // The SDK's retry policy, except once the stack stops: a call still in flight when the channel closes
  // would otherwise be retried from a timer into the closed channel, which throws outside any test.
  let stopping = false;
  const retry = defaultGrpcRetryOptions();
  const connection = await Connection.connect({
    address,
    interceptors: [
      makeGrpcRetryInterceptor({
        ...retry,
        retryableDecider: (attempt, status) => !stopping && retry.retryableDecider(attempt, status),
      }),
    ],
  });
  // A namespace of its own: every stack's database numbers dossiers from 0001, and the dossier code is the
  // workflow id, so on the run's shared server the codes of two test files would meet.
  const namespace = taskQueue;
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  await registerSearchAttributes(connection, namespace, DOSSIER_SEARCH_ATTRIBUTES);
  const delivered: TestStack['delivered'] = [];
  const recording = (name: DeliveryChannel): Sender => ({
    name,
    async send(message) {
      delivered.push({ channel: name, message });
      return { providerMessageId: `test-${delivered.length}` };
    },
  });
  const nativeConnection = await NativeConnection.connect({ address });
  const { app, deps, database, client, stop } = await startLocalStack({
    databaseUrl: testDatabase.url,
    demoPassword: 'demo',
    connection,
    workerConnection: nativeConnection,
    namespace,
    taskQueue,
    workflowBundle: workflowBundle(),
    logger: pino({ level: 'silent' }),
    channels: { email: recording('email'), sms: recording('sms'), zalo: recording('zalo') },
    publicBaseUrl: PUBLIC_BASE_URL,
    payloadKeys: opts.payloadKeys,
    temporalUiOrigins: [TEMPORAL_UI_ORIGIN],
    portal: opts.portal && {
      baseUrl: opts.portal.url,
      username: opts.portal.username,
      password: opts.portal.password,
      unitCode: '000.00.01.H56',
      timeoutMs: 2_000,
    },
    // The simulator is the payment platform too; asked soon, so that a test sees a query land.
    payment: opts.portal && {
      connection: {
        url: opts.portal.url + SIMULATED_PAYMENT_PATH,
        partnerCode: 'MOTCUA',
        secret: opts.portal.paymentSecret,
        timeoutMs: 2_000,
      },
      firstQueryAfterMs: 1_000,
    },
    // Tests make many public calls; the rate-limit test builds its own tighter app.
    app: {
      rateLimits: Object.fromEntries(
        RATE_LIMIT_CLASSES.map((c) => [c, { windowMs: 60_000, limit: 100_000 }]),
      ),
      // Likewise many submissions from one address; the quota test builds its own app.
      submissionQuotas: { perClient: 100_000, perDesk: 100_000 },
      ...opts.app,
    },
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
    delivered,
    appWith: (overrides) => createApp({ ...deps, ...overrides }),
    login,
    async stop() {
      await stop();
      stopping = true;
      await connection.close();
      await nativeConnection.close();
      await testDatabase.dispose();
    },
  };
}
