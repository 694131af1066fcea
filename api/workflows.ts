import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PortalResend } from '../domain/portal/record';
import {
  correctionWorkflowId,
  type CorrectionState,
  type CorrectionWorkflowInput,
} from '../domain/correction/correction';
import type { CommandName } from '../domain/dossier/commands';
import type { DossierWorkflowInput } from '../domain/dossier/start';
import type { DossierState } from '../domain/dossier/types';
import type { FeedbackCommandName } from '../domain/feedback/commands';
import type { FeedbackWorkflowInput } from '../domain/feedback/start';
import type { FeedbackState } from '../domain/feedback/types';
import type { correctionWorkflow } from '../workflows/correction';
import { completeCorrectionUpdate, type CompleteCorrectionArgs } from '../workflows/correction-messages';
import type { feedbackWorkflow } from '../workflows/feedback';
import { feedbackActions, type FeedbackActionArgs } from '../workflows/feedback-messages';
import type { dossierWorkflow } from '../workflows/dossier';
import type { portalSyncWorkflow } from '../workflows/portal-sync';
import { actions, paymentConfirmedSignal, stateQuery, type ActionArgs } from '../workflows/messages';
import {
  portalResendSignal,
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
  /**
   * Starts the dossier's next correction (rules F9) from `prepare(seq)`, numbered after the ended ones, and
   * answers its workflow id; undefined while one is still running.
   */
  requestCorrection(
    code: string,
    prepare: (seq: number) => CorrectionWorkflowInput,
  ): Promise<string | undefined>;
  /**
   * Runs `completeCorrection` on the dossier's running correction, deduplicated by `updateId`; undefined
   * when none runs.
   */
  completeCorrection(
    code: string,
    args: CompleteCorrectionArgs,
    updateId: string,
  ): Promise<CorrectionState | undefined>;
  /** Starts a feedback case's workflow; a retried start joins the running one. */
  startFeedback(input: FeedbackWorkflowInput): Promise<void>;
  /** Runs a staff or citizen action on a feedback case, deduplicated by `updateId` as for dossiers. */
  actOnFeedback<K extends FeedbackCommandName>(
    code: string,
    name: K,
    args: FeedbackActionArgs<K>,
    updateId: string,
  ): Promise<FeedbackState>;
  /** The payment platform's word that the dossier's fees are paid; the workflow ignores it unless awaited. */
  confirmPayment(code: string, reference: string): Promise<void>;
  /**
   * The dossier's national portal sync: null when it has none, 'unknown' when Temporal did not answer
   * within the short sync deadline (the dossier view does not wait for it).
   */
  portalSync(code: string): Promise<PortalSyncStatus | null | 'unknown'>;
  /**
   * Sends the dossier's record again through its sync workflow; a sync that had ended (or never ran)
   * is started for it and ends once the record is accepted. Answers whether a new run was started.
   */
  resendToPortal(code: string, resend: PortalResend): Promise<{ started: boolean }>;
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
  /** The dossier's last correction (seq 0: none) and whether it runs; one runs at a time, in order. */
  const lastCorrection = async (code: string) => {
    for (let seq = 1; ; seq += 1) {
      try {
        const { status } = await within(timeouts.callMs, () =>
          client.workflow.getHandle(correctionWorkflowId(code, seq)).describe(),
        );
        if (status.name === 'RUNNING') return { seq, running: true };
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
        return { seq: seq - 1, running: false };
      }
    }
  };
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

    async requestCorrection(code, prepare) {
      const last = await lastCorrection(code);
      if (last.running) return undefined;
      const seq = last.seq + 1;
      const workflowId = correctionWorkflowId(code, seq);
      await within(timeouts.callMs, () =>
        client.workflow.start<typeof correctionWorkflow>('correctionWorkflow', {
          workflowId,
          taskQueue,
          args: [prepare(seq)],
          typedSearchAttributes: [{ key: DossierCode, value: code }],
        }),
      );
      return workflowId;
    },

    async completeCorrection(code, args, updateId) {
      const last = await lastCorrection(code);
      if (!last.running) return undefined;
      try {
        return await within(timeouts.callMs, () =>
          client.workflow
            .getHandle(correctionWorkflowId(code, last.seq))
            .executeUpdate(completeCorrectionUpdate, { args: [args], updateId }),
        );
      } catch (err) {
        // It ended in between: completed by someone else.
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      }
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

    async confirmPayment(code, reference) {
      await within(timeouts.callMs, () =>
        client.workflow.getHandle(code).signal(paymentConfirmedSignal, { reference }),
      );
    },

    async resendToPortal(code, resend) {
      const workflowId = portalSyncWorkflowId(code);
      const handle = client.workflow.getHandle(workflowId);
      const running = await within(timeouts.callMs, () => handle.describe()).then(
        (d) => d.status.name === 'RUNNING',
        (err: unknown) => {
          if (err instanceof WorkflowNotFoundError) return false;
          throw err;
        },
      );
      if (running) {
        await within(timeouts.callMs, () => handle.signal(portalResendSignal, resend));
        return { started: false };
      }
      // The run that ended knows how far the portal got; a sync that never ran got nowhere.
      const syncedSeq = await within(timeouts.callMs, () => handle.query(portalSyncStatusQuery)).then(
        (s) => s.syncedSeq,
        () => 0,
      );
      // A sync that started in between takes the signal instead of a new run.
      await within(timeouts.callMs, () =>
        client.workflow.signalWithStart<typeof portalSyncWorkflow, [PortalResend]>('portalSyncWorkflow', {
          workflowId,
          taskQueue,
          args: [{ dossierCode: code, pending: [], syncedSeq, resendOnly: true }],
          signal: portalResendSignal,
          signalArgs: [resend],
          typedSearchAttributes: [{ key: DossierCode, value: code }],
        }),
      );
      return { started: true };
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
