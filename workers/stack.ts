import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, type Connection } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type express from 'express';
import { createDossierActivities } from '../activities';
import { createCalendarActivities } from '../activities/calendar';
import { createFormRenderer } from '../activities/forms';
import { paymentActivities } from '../activities/payment/activities';
import type { PortalConnection } from '../activities/portal/client';
import type { NotificationDeps } from '../activities/notifications/notify';
import { createApp, type ApiDeps } from '../api/app';
import { DEMO_AGENCIES } from '../domain/agencies';
import type { Logger } from '../platform/config/logger';
import { syncProcedureCatalogue } from '../platform/database/catalogue';
import { openDatabase, type Database } from '../platform/database/client';
import { migrateDatabase } from '../platform/database/migrations';
import { seedDemoProvince } from '../platform/database/seed';
import { DEFAULT_DOCUMENT_LIMITS, localDocumentStore } from '../platform/documents';
import type { PaymentPlatformConnection } from '../platform/payment/client';
import { EncryptionCodec, type PayloadKey } from '../platform/temporal/codec';
import { encryptedDataConverter } from '../platform/temporal/encryption';
import { loadProcedures } from '../procedures';
import { createDossierWorker, type DossierWorkerOptions } from './dossier-workers';
import { portalSyncActivities } from './worker-process';
import { ensurePortalRatingsSchedule } from './portal-ratings-schedule';

export interface LocalStackOptions {
  /** A fresh database: migrated, seeded with the demo province, the catalogue synced. */
  databaseUrl: string;
  demoPassword: string;
  /** Connections the caller opened to its Temporal server, and where on it the stack works. */
  connection: Connection;
  workerConnection: NativeConnection;
  namespace: string;
  taskQueue: string;
  workflowBundle?: DossierWorkerOptions['workflowBundle'];
  logger: Logger;
  channels: NotificationDeps['channels'];
  publicBaseUrl: string;
  /** Keys that encrypt the payloads of the client, the worker and /codec; default one random key. */
  payloadKeys?: PayloadKey[];
  /** Origins of the Temporal UI that may call /codec. */
  temporalUiOrigins?: readonly string[];
  /** Dependencies of the app to replace (a rate limit, a Temporal deadline). */
  app?: Partial<ApiDeps>;
  /** The national portal (or its simulator) new dossiers report to; none: no sync. */
  portal?: PortalConnection;
  /** The national payment platform (or its simulator) new dossiers' fees are paid on; none: no online payment. */
  payment?: { connection: PaymentPlatformConnection; firstQueryAfterMs: number };
}

export interface LocalStack {
  app: express.Express;
  /** What the app was built from, to build another on the same database and Temporal. */
  deps: ApiDeps;
  database: Database;
  /** A client of the stack's namespace that encrypts payloads as the worker and the API do. */
  client: Client;
  /** Stops the worker and closes the database; the caller's connections stay open. Safe to detach. */
  stop: () => Promise<void>;
}

/**
 * The API as it runs, in one process, for the test harness and the benchmarks: a migrated and seeded
 * database, a real worker with the real workflow and activities, and the Express app in front.
 */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  await migrateDatabase(opts.databaseUrl);
  const database = await openDatabase(opts.databaseUrl);
  const procedures = loadProcedures();
  await seedDemoProvince(database.prisma, { password: opts.demoPassword });
  await syncProcedureCatalogue(database.prisma, procedures);
  // Payloads encrypted as in production, so that tests and benchmarks pay what a deployment pays.
  const payloadKeys = opts.payloadKeys ?? [{ id: 'local', key: randomBytes(32) }];
  const dataConverter = encryptedDataConverter(payloadKeys);
  const client = new Client({ connection: opts.connection, namespace: opts.namespace, dataConverter });
  // One pepper for the API, which seals the receipt's access code, and the worker, which opens it.
  const accessCodePepper = randomBytes(32);
  const worker = await createDossierWorker({
    connection: opts.workerConnection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    dataConverter,
    workflowBundle: opts.workflowBundle,
    activities: {
      ...createDossierActivities({
        db: database.prisma,
        logger: opts.logger,
        channels: opts.channels,
        publicBaseUrl: opts.publicBaseUrl,
        accessCodePepper,
      }),
      ...portalSyncActivities(opts.portal, database.prisma, DEMO_AGENCIES, opts.app?.fileLinks),
      ...paymentActivities(opts.payment?.connection),
      ...createCalendarActivities({ client }),
    },
  });
  const running = worker.run();
  if (opts.portal) await ensurePortalRatingsSchedule(client, opts.taskQueue);
  const deps: ApiDeps = {
    temporal: client,
    taskQueue: opts.taskQueue,
    db: database.prisma,
    logger: opts.logger,
    jwtSecret: randomBytes(32),
    accessCodePepper,
    tokenTtl: '1h',
    publicBaseUrl: opts.publicBaseUrl,
    procedures,
    agencies: DEMO_AGENCIES,
    forms: createFormRenderer({ db: database.prisma, publicBaseUrl: opts.publicBaseUrl }),
    codecServer: { codec: new EncryptionCodec(payloadKeys), uiOrigins: opts.temporalUiOrigins ?? [] },
    portalSync: opts.portal !== undefined,
    ...(opts.payment && {
      paymentSecret: opts.payment.connection.secret,
      onlinePayment: { firstQueryAfterMs: opts.payment.firstQueryAfterMs },
    }),
    // A folder of its own, so that no run sees another's files.
    documents: {
      store: localDocumentStore(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-documents-'))),
      limits: DEFAULT_DOCUMENT_LIMITS,
    },
    ...opts.app,
  };
  return {
    app: createApp(deps),
    deps,
    database,
    client,
    async stop() {
      worker.shutdown();
      await running;
      await deps.forms.close();
      await database.close();
    },
  };
}
