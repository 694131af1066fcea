import type { PortalChange } from '../../domain/portal/record';

/** What the portal sync workflow asks of the outside world; workflows import this file as types only. */
export interface PortalSyncActivities {
  /** Sends one change: the full record (create or update), then its new progress entries. */
  deliverPortalChange(change: PortalChange): Promise<void>;
}
