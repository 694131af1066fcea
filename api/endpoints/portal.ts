import { z } from 'zod';
import type { RouteTable } from '../route-table';
import type { Services } from '../services';

/** More than a province's ops desk reads at once; the Temporal UI lists the rest. */
const MAX_LISTED = 500;

const PortalSyncQuery = z.object({
  state: z
    .enum(['behind', 'failing'])
    .optional()
    .openapi({ description: 'Only syncs in this state; both by default' }),
});

const PortalSyncListSchema = z
  .object({
    items: z.array(
      z.object({
        dossierCode: z.string(),
        state: z.enum(['synced', 'behind', 'failing']),
        /** The last change the national portal accepted. */
        syncedSeq: z.number().int(),
      }),
    ),
  })
  .openapi('PortalSyncList');

/** Ops of the national portal sync. */
export function portalRoutes(table: RouteTable, s: Services): void {
  table.add({
    method: 'get',
    path: '/portal/sync',
    tag: 'National portal',
    summary: 'Dossiers whose national portal sync is behind or failing',
    description: `From Temporal's visibility store, a few seconds behind; at most ${MAX_LISTED}.`,
    access: ['admin'],
    query: PortalSyncQuery,
    success: { status: 200, description: 'The syncs', schema: PortalSyncListSchema },
    async handle({ query }) {
      const states = query.state ? [query.state] : (['behind', 'failing'] as const);
      return { status: 200, body: { items: await s.workflows.portalSyncsIn(states, MAX_LISTED) } };
    },
  });
}
