import type { Db } from '../platform/database/client';
import type { Logger } from '../platform/config/logger';
import { createFeedbackActivities } from './feedback';
import { renderForm } from './forms';
import { createNotificationActivities, type NotificationDeps } from './notifications/notify';
import { createReadModelActivities } from './read-model';
import type { DossierActivities } from './types';

export interface DossierActivityDeps {
  db: Db;
  logger: Logger;
  channels: NotificationDeps['channels'];
  publicBaseUrl: string;
  pace?: NotificationDeps['pace'];
  accessCodePepper?: Uint8Array;
}

/** Every activity the dossier and feedback workflows call, wired to the clients of this process. */
export function createDossierActivities(deps: DossierActivityDeps): DossierActivities {
  return {
    ...createReadModelActivities({ db: deps.db }),
    ...createFeedbackActivities({ db: deps.db }),
    ...createNotificationActivities({ ...deps, renderForm }),
  };
}
