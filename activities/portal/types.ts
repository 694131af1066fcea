import type { PortalChange } from '../../domain/portal/record';

/** What the portal sync workflow asks of the outside world; workflows import this file as types only. */
export interface PortalSyncActivities {
  /** Sends the full record of one change, as a create or an update. */
  deliverPortalRecord(change: PortalChange): Promise<void>;
  /** Sends the progress entries one change adds, after its record was accepted. */
  deliverPortalProgress(change: PortalChange): Promise<void>;
}

/** What the monthly ratings workflow asks of the outside world. */
export interface PortalRatingsActivities {
  /** Sends the summary of the ratings given in `month` (YYYY-MM, Vietnam time); answers how many there were. */
  sendMonthlyRatings(month: string): Promise<number>;
}
