import type { Server } from 'node:http';
import { createDossierActivities } from '../activities';
import { createFormRenderer } from '../activities/forms';
import { createCalendarActivities } from '../activities/calendar';
import {
  createEmailChannel,
  createSmsChannel,
  createZaloChannel,
} from '../activities/notifications/channels';
import type { NotificationDeps } from '../activities/notifications/notify';
import { createApp } from '../api/app';
import { sweepIdempotencyRecords } from '../api/idempotency';
import type { Agency } from '../domain/agencies';
import { agencyDirectory } from '../platform/config/agencies';
import type { Config } from '../platform/config/config';
import { syncProcedureCatalogue } from '../platform/database/catalogue';
import { openDatabase, type Database, type Db } from '../platform/database/client';
import { migrateDatabase } from '../platform/database/migrations';
import type { Logger } from '../platform/config/logger';
import { accessCodePepper, jwtSecret } from '../platform/config/secrets';
import { seedDemoProvince } from '../platform/database/seed';
import { syncAgencyDirectory } from '../platform/database/repositories/agencies';
import {
  documentLimitsFromConfig,
  documentStoreFromConfig,
  fileLinksFromConfig,
  type FileLinks,
} from '../platform/documents';
import { currentDossierFiles } from '../platform/database/repositories/dossier-files';
import { connectClient, connectWorker, temporalConnectionOptions } from '../platform/temporal/connection';
import { EncryptionCodec } from '../platform/temporal/codec';
import { encryptedDataConverter, payloadKeys, temporalUiOrigins } from '../platform/temporal/encryption';
import { loadProcedures } from '../procedures';
import { Connection } from '@temporalio/client';
import { DOSSIER_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { createChannelPacer } from '../activities/notifications/pace';
import { createDossierWorker } from './dossier-workers';
import { registerSearchAttributes } from '../platform/temporal/search-attributes';
import { createPortalClient, portalConnectionOf, type PortalConnection } from '../activities/portal/client';
import { createPortalSyncActivities, ownerFromReadModel } from '../activities/portal/sync';
import type { PortalRatingsActivities, PortalSyncActivities } from '../activities/portal/types';
import { paymentActivities, paymentConnectionOf } from '../activities/payment/activities';
import { createPortalRatingsActivities } from '../activities/portal/ratings';
import { ratingsGivenBetween } from '../platform/database/repositories/ratings';
import { ensurePortalRatingsSchedule } from './portal-ratings-schedule';

/**
 * Start-up shared by the process entry points: the database migrated, the agency directory and the
 * procedure catalogue (checked against it) written, and the demo province seeded where the deployment
 * asks for it.
 */
export async function prepareDatabase(config: Config, logger: Logger): Promise<Database> {
  const agencies = agencyDirectory(config);
  const procedures = loadProcedures(undefined, agencies);
  const applied = await migrateDatabase(config.databaseUrl);
  if (applied.length) logger.info({ applied }, 'database migrated');
  const database = await openDatabase(config.databaseUrl);
  await syncProcedureCatalogue(database.prisma, procedures);
  if (config.MOTCUA_SEED_DEMO ?? config.embeddedTemporal) {
    const { createdUsers } = await seedDemoProvince(database.prisma, {
      password: config.MOTCUA_DEMO_PASSWORD,
    });
    if (createdUsers.length) logger.info({ users: createdUsers.length }, 'demo province seeded');
  }
  // After the seed, which gives the demo's agencies their invented contacts on creation.
  await syncAgencyDirectory(database.prisma, agencies);
  return database;
}

/** Runs `stop` once on SIGINT or SIGTERM, then exits; a second signal exits at once. */
export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** The delivery channels this deployment has credentials for; a channel left unconfigured is not used. */
export function channelsFromConfig(config: Config): NotificationDeps['channels'] {
  const channels: NotificationDeps['channels'] = {};
  if (config.SMTP_URL)
    channels.email = createEmailChannel({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
  if (config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN) {
    const credentials = {
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      apiBaseUrl: config.TWILIO_API_BASE_URL,
    };
    if (config.TWILIO_MESSAGING_SERVICE_SID) {
      channels.sms = createSmsChannel({
        ...credentials,
        messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
      });
    } else if (config.TWILIO_FROM) {
      channels.sms = createSmsChannel({ ...credentials, from: config.TWILIO_FROM });
    }
  }
  if (config.ZALO_URL && config.ZALO_ACCESS_TOKEN) {
    channels.zalo = createZaloChannel({ url: config.ZALO_URL, accessToken: config.ZALO_ACCESS_TOKEN });
  }
  return channels;
}

/** Each channel's pace from the settings, for the notify activity of this process. */
export function channelPacerFromConfig(config: Config): NotificationDeps['pace'] {
  return createChannelPacer({
    sms: config.MOTCUA_SMS_PER_SECOND,
    email: config.MOTCUA_EMAIL_PER_SECOND,
    zalo: config.MOTCUA_ZALO_PER_SECOND,
  });
}

/** A worker polling the dossier task queue with the activities of this process. */
export async function startWorker(config: Config, logger: Logger, db: Db, address?: string) {
  const connection = await connectWorker(config, address);
  // Lists and signals dossiers when a calendar is published.
  const client = await connectClient(config, address);
  const channels = channelsFromConfig(config);
  const worker = await createDossierWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    maxCachedWorkflows: config.MOTCUA_WORKER_CACHED_WORKFLOWS,
    dataConverter: encryptedDataConverter(payloadKeys(config)),
    activities: {
      ...createDossierActivities({
        db,
        logger,
        channels,
        publicBaseUrl: config.MOTCUA_PUBLIC_BASE_URL,
        pace: channelPacerFromConfig(config),
        accessCodePepper: accessCodePepper(config),
      }),
      ...portalSyncActivities(
        portalConnectionOf(config),
        db,
        agencyDirectory(config),
        fileLinksFromConfig(config),
      ),
      ...paymentActivities(paymentConnectionOf(config)),
      ...createCalendarActivities({ client }),
    },
  });
  const running = worker.run();
  if (config.MOTCUA_PORTAL_URL) await ensurePortalRatingsSchedule(client, config.TEMPORAL_TASK_QUEUE);
  return {
    async stop() {
      worker.shutdown();
      await running;
      for (const channel of Object.values(channels)) channel.close?.();
      await connection.close();
      await client.connection.close();
    },
  };
}

/** The national portal's activities (dossier sync, monthly ratings) when the deployment has a portal (or the simulator). */
export function portalSyncActivities(
  connection: PortalConnection | undefined,
  db: Db,
  agencies: readonly Agency[],
  links?: FileLinks,
): Partial<PortalSyncActivities & PortalRatingsActivities> {
  if (!connection) return {};
  const client = createPortalClient(connection);
  const ratings = createPortalRatingsActivities({
    client,
    ratingsGiven: (from, to) => ratingsGivenBetween(db, from, to),
  });
  const sync = createPortalSyncActivities({
    client,
    owner: ownerFromReadModel(db),
    agencyName: (code) => agencies.find((a) => a.code === code)?.name ?? code,
    fileUrls:
      links &&
      (async (code) => {
        const now = new Date();
        const files = await currentDossierFiles(db, code);
        return new Map([...files].map(([position, file]) => [position, links.fresh(file.sha256, now)]));
      }),
  });
  return { ...sync, ...ratings };
}

/** The REST API listening on PORT. */
export async function startApi(config: Config, logger: Logger, db: Db, address?: string) {
  const temporal = await connectClient(config, address);
  const agencies = agencyDirectory(config);
  const forms = createFormRenderer({ db, publicBaseUrl: config.MOTCUA_PUBLIC_BASE_URL });
  const app = createApp({
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    db,
    logger,
    jwtSecret: jwtSecret(config),
    accessCodePepper: accessCodePepper(config),
    accessCodeTries: {
      limit: config.MOTCUA_ACCESS_CODE_TRIES,
      windowMs: config.MOTCUA_ACCESS_CODE_WINDOW_MINUTES * 60_000,
    },
    tokenTtl: config.MOTCUA_TOKEN_TTL,
    publicBaseUrl: config.MOTCUA_PUBLIC_BASE_URL,
    procedures: loadProcedures(undefined, agencies),
    agencies,
    forms,
    calendar: { officeHours: config.MOTCUA_OFFICE_HOURS, kind: config.MOTCUA_CALENDAR },
    backdateWorkingDays: config.MOTCUA_BACKDATE_WORKING_DAYS,
    submissionQuotas: {
      perClient: config.MOTCUA_SUBMISSIONS_PER_CLIENT,
      perDesk: config.MOTCUA_SUBMISSIONS_PER_DESK,
    },
    trustProxy: config.TRUST_PROXY,
    codecServer: { codec: new EncryptionCodec(payloadKeys(config)), uiOrigins: temporalUiOrigins(config) },
    portalSync: config.MOTCUA_PORTAL_URL !== undefined,
    documents: { store: documentStoreFromConfig(config), limits: documentLimitsFromConfig(config) },
    paymentSecret: config.MOTCUA_PAYMENT_SECRET,
    onlinePayment: config.MOTCUA_PAYMENT_URL
      ? { firstQueryAfterMs: config.MOTCUA_PAYMENT_QUERY_AFTER_MINUTES * 60_000 }
      : undefined,
    fileLinks: fileLinksFromConfig(config),
    portalInbound: config.MOTCUA_PORTAL_INBOUND_SECRET
      ? { secret: config.MOTCUA_PORTAL_INBOUND_SECRET, addresses: config.MOTCUA_PORTAL_INBOUND_ADDRESSES }
      : undefined,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.PORT, () => resolve(s));
  });
  const stopSweep = sweepIdempotencyRecords(
    db,
    config.MOTCUA_IDEMPOTENCY_RETENTION_HOURS * 3_600_000,
    logger,
  );
  return {
    server,
    async stop() {
      stopSweep();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await forms.close();
      await temporal.connection.close();
    },
  };
}

/** An external cluster learns the dossier search attributes at the first start of a worker or stack. */
export async function ensureSearchAttributes(config: Config): Promise<void> {
  const connection = await Connection.connect(temporalConnectionOptions(config));
  try {
    await registerSearchAttributes(connection, config.TEMPORAL_NAMESPACE, DOSSIER_SEARCH_ATTRIBUTES);
  } finally {
    await connection.close();
  }
}
