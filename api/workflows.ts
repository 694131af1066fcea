import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { CommandName } from '../domain/dossier/commands';
import type { DossierWorkflowInput } from '../domain/dossier/start';
import type { DossierState } from '../domain/dossier/types';
import type { FeedbackCommandName } from '../domain/feedback/commands';
import type { FeedbackWorkflowInput } from '../domain/feedback/start';
import type { FeedbackState } from '../domain/feedback/types';
import type { feedbackWorkflow } from '../workflows/feedback';
import { feedbackActions, type FeedbackActionArgs } from '../workflows/feedback-messages';
import type { dossierWorkflow } from '../workflows/dossier';
import { actions, stateQuery, type ActionArgs } from '../workflows/messages';
import {
  portalSyncStatusQuery,
  portalSyncWorkflowId,
  type PortalSyncState,
  type PortalSyncStatus,
} from '../workflows/portal-messages';
import {
  Category,
  Channel,
  DossierCode,
  FeedbackCode,
  PortalSyncedSeq,
  PortalSyncState as PortalSyncStateKey,
  ProcedureCode,
} from '../workflows/search-attributes';

/**
 * The API's only door to Temporal. Every call carries a deadline, so that a stuck or unreachable cluster
 * answers 503 TEMPORAL_UNAVAILABLE within it instead of holding the clerk's request open.
 */
export interface DossierWorkflows {
  start(input: DossierWorkflowInput): Promise<void>;
  /** Whether the dossier's workflow exists: a start that timed out may have happened. */
  started(code: string): Promise<boolean>;
  state(code: string): Promise<DossierState>;
  /** Runs a clerk action; `updateId` makes a retried request the same Update (Temporal dedupes it). */
  act<K extends CommandName>(
    code: string,
    name: K,
    args: ActionArgs<K>,
    updateId: string,
  ): Promise<DossierState>;
  reachable(): Promise<boolean>;
  /** Starts a feedback case's workflow; a retried start joins the running one. */
  startFeedback(input: FeedbackWorkflowInput): Promise<void>;
  /** Runs a staff or citizen action on a feedback case, deduplicated by `updateId` as for dossiers. */
  actOnFeedback<K extends FeedbackCommandName>(
    code: string,
    name: K,
    args: FeedbackActionArgs<K>,
    updateId: string,
  ): Promise<FeedbackState>;
  /**
   * The dossier's national portal sync: null when it has none, 'unknown' when Temporal did not answer
   * within the short sync deadline (the dossier view does not wait for it).
   */
  portalSync(code: string): Promise<PortalSyncStatus | null | 'unknown'>;
  /** Running syncs in one of `states`, from the visibility store (a few seconds behind), at most `limit`. */
  portalSyncsIn(states: readonly PortalSyncState[], limit: number): Promise<PortalSyncListing[]>;
}

export interface PortalSyncListing {
  dossierCode: string;
  state: PortalSyncState;
  syncedSeq: number;
}

export interface WorkflowTimeouts {
  /** Start, query and update calls. */
  callMs: number;
  /** The health probe. */
  healthMs: number;
  /** The portal sync's status, shown beside the dossier. */
  portalSyncMs: number;
}

export function dossierWorkflows(
  client: Client,
  taskQueue: string,
  timeouts: WorkflowTimeouts,
): DossierWorkflows {
  const within = <T>(ms: number, call: () => Promise<T>) => client.withDeadline(Date.now() + ms, call);
  return {
    async start(input) {
      const { code, channel } = input.start;
      await within(timeouts.callMs, () =>
        client.workflow.start<typeof dossierWorkflow>('dossierWorkflow', {
          workflowId: code,
          // A retried start (same code) joins the running dossier instead of failing.
          workflowIdConflictPolicy: 'USE_EXISTING',
          taskQueue,
          args: [input],
          // Codes only: search attributes are never encrypted, so no personal data goes here.
          typedSearchAttributes: [
            { key: DossierCode, value: code },
            { key: ProcedureCode, value: input.procedure.code },
            { key: Channel, value: channel },
          ],
        }),
      );
    },

    async started(code) {
      try {
        await within(timeouts.callMs, () => client.workflow.getHandle(code).describe());
        return true;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return false;
        throw err;
      }
    },

    state(code) {
      return within(timeouts.callMs, () => client.workflow.getHandle(code).query(stateQuery));
    },

    act(code, name, args, updateId) {
      // The Updates differ only in their payload type, which the route table has already checked.
      const update = actions[name] as unknown as (typeof actions)['accept'];
      return within(timeouts.callMs, () =>
        client.workflow
          .getHandle(code)
          .executeUpdate(update, { args: [args as ActionArgs<'accept'>], updateId }),
      );
    },

    async portalSync(code) {
      try {
        return await within(timeouts.portalSyncMs, () =>
          client.workflow.getHandle(portalSyncWorkflowId(code)).query(portalSyncStatusQuery),
        );
      } catch (err) {
        return err instanceof WorkflowNotFoundError ? null : 'unknown';
      }
    },

    portalSyncsIn(states, limit) {
      const query =
        `WorkflowType = 'portalSyncWorkflow' AND ExecutionStatus = 'Running' AND ` +
        `PortalSyncState IN (${states.map((st) => `'${st}'`).join(', ')})`;
      return within(timeouts.callMs, async () => {
        const found: PortalSyncListing[] = [];
        for await (const run of client.workflow.list({ query, pageSize: limit })) {
          const attributes = run.typedSearchAttributes;
          found.push({
            dossierCode: attributes.get(DossierCode) ?? '',
            state: attributes.get(PortalSyncStateKey) as PortalSyncState,
            syncedSeq: attributes.get(PortalSyncedSeq) ?? 0,
          });
          if (found.length >= limit) break;
        }
        return found;
      });
    },

    async startFeedback(input) {
      const { code, category } = input.start;
      await within(timeouts.callMs, () =>
        client.workflow.start<typeof feedbackWorkflow>('feedbackWorkflow', {
          workflowId: code,
          workflowIdConflictPolicy: 'USE_EXISTING',
          taskQueue,
          args: [input],
          typedSearchAttributes: [
            { key: FeedbackCode, value: code },
            { key: Category, value: category },
          ],
        }),
      );
    },

    actOnFeedback(code, name, args, updateId) {
      const update = feedbackActions[name] as unknown as (typeof feedbackActions)['reject'];
      return within(timeouts.callMs, () =>
        client.workflow
          .getHandle(code)
          .executeUpdate(update, { args: [args as FeedbackActionArgs<'reject'>], updateId }),
      );
    },

    async reachable() {
      try {
        await within(timeouts.healthMs, () => client.workflowService.getSystemInfo({}));
        return true;
      } catch {
        return false;
      }
    },
  };
}
