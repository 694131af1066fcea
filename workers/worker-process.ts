/**
 * The worker process's start: its activities built from the settings, and the dossier worker polling.
 * Apart from the API's start (api-process.ts), so that a worker loads none of the API's modules.
 */
import { createDossierActivities } from '../activities';
import { createCalendarActivities } from '../activities/calendar';
import {
  createEmailChannel,
  createSmsChannel,
  createZaloChannel,
} from '../activities/notifications/channels';
import type { NotificationDeps } from '../activities/notifications/notify';
import { createChannelPacer } from '../activities/notifications/pace';
import { paymentActivities, paymentConnectionOf } from '../activities/payment/activities';
import { createPortalClient, portalConnectionOf, type PortalConnection } from '../activities/portal/client';
import { createPortalRatingsActivities } from '../activities/portal/ratings';
import { createPortalSyncActivities, ownerFromReadModel } from '../activities/portal/sync';
import type { PortalRatingsActivities, PortalSyncActivities } from '../activities/portal/types';
import type { Agency } from '../domain/agencies';
import { agencyDirectory } from '../platform/config/agencies';
import type { Config } from '../platform/config/config';
import type { Logger } from '../platform/config/logger';
import { accessCodePepper } from '../platform/config/secrets';
import type { Db } from '../platform/database/client';
import { currentDossierFiles } from '../platform/database/repositories/dossier-files';
import { ratingsGivenBetween } from '../platform/database/repositories/ratings';
import { fileLinksFromConfig, type FileLinks } from '../platform/documents';
import { connectClient, connectWorker } from '../platform/temporal/connection';
import { encryptedDataConverter, payloadKeys } from '../platform/temporal/encryption';
import { createDossierWorker } from './dossier-workers';
import { ensurePortalRatingsSchedule } from './portal-ratings-schedule';

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
