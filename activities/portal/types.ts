import type { PortalChange } from '../../domain/portal/record';

/** What the portal sync workflow asks of the outside world; workflows import this file as types only. */
export interface PortalSyncActivities {
  /**
   * Sends the full record of one change, as a create or an update: `accepted` when the portal already
   * accepted an earlier record of the dossier, so an update without looking the dossier up first.
   */
  deliverPortalRecord(change: PortalChange, accepted?: boolean): Promise<void>;
  /** Sends the progress entries one change adds, after its record was accepted. */
  deliverPortalProgress(change: PortalChange): Promise<void>;
}

/** What the monthly ratings workflow asks of the outside world. */
export interface PortalRatingsActivities {
  /** Sends the summary of the ratings given in `month` (YYYY-MM, Vietnam time); answers how many there were. */
  sendMonthlyRatings(month: string): Promise<number>;
}
