/** The API process's start: the Express app built from the settings, listening, and its sweeper. */
import type { Server } from 'node:http';
import { createFormRenderer } from '../activities/forms';
import { createApp } from '../api/app';
import { sweepIdempotencyRecords } from '../api/idempotency';
import { agencyDirectory } from '../platform/config/agencies';
import type { Config } from '../platform/config/config';
import type { Logger } from '../platform/config/logger';
import { accessCodePepper, jwtSecret } from '../platform/config/secrets';
import type { Db } from '../platform/database/client';
import {
  documentLimitsFromConfig,
  documentStoreFromConfig,
  fileLinksFromConfig,
} from '../platform/documents';
import { connectClient } from '../platform/temporal/connection';
import { EncryptionCodec } from '../platform/temporal/codec';
import { payloadKeys, temporalUiOrigins } from '../platform/temporal/encryption';
import { loadProcedures } from '../procedures';

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
