import { monthBounds, ratingSummary, type RatingOfMonth } from '../../domain/portal/ratings';
import { CHANGE_HEADER, PORTAL_SERVICES } from '../../domain/portal/transport';
import type { PortalClient } from './client';
import { portalAccepted } from './sync';
import type { PortalRatingsActivities } from './types';

export interface PortalRatingsDeps {
  client: PortalClient;
  /** The ratings citizens gave between two instants, from the read model. */
  ratingsGiven(from: Date, to: Date): Promise<RatingOfMonth[]>;
}

export function createPortalRatingsActivities(deps: PortalRatingsDeps): PortalRatingsActivities {
  return {
    async sendMonthlyRatings(month) {
      const { from, to } = monthBounds(month);
      const ratings = await deps.ratingsGiven(from, to);
      portalAccepted(
        await deps.client.call(
          'integration',
          PORTAL_SERVICES.syncRatings,
          { data: [ratingSummary(month, ratings)] },
          // Makes a second delivery of the same month visible on the receiving side.
          { [CHANGE_HEADER]: `ratings#${month}` },
        ),
        `ratings of ${month}`,
      );
      return ratings.length;
    },
  };
}
