import {
  ActivityFailure,
  continueAsNew,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { PortalSyncActivities } from '../activities/portal/types';
import { resendAfter, type PortalChange, type PortalResend } from '../domain/portal/record';
import {
  portalChangeSignal,
  portalResendSignal,
  portalSyncStatusQuery,
  type PortalSyncInput,
  type PortalSyncStatus,
} from './portal-messages';
import { DossierCode, PortalSyncedSeq, PortalSyncState } from './search-attributes';
import { portalTaskQueue } from './task-queues';

// A few quick attempts per round; between rounds the workflow itself backs off and shows the error.
const deliveryOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '5 seconds', maximumAttempts: 3 },
} as const;

const FIRST_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 10 * 60_000;
/** Well under Temporal's limits: each delivery adds a few events and a signal carries a whole state. */
const MAX_HISTORY_EVENTS = 2_000;

/**
 * Delivers a dossier's changes to the national portal strictly in sequence, each once: a change is
 * sent only after the one before it was accepted, and a change received again is ignored. The dossier
 * workflow never waits for it; a portal down for days only makes this one wait and retry.
 */
export async function portalSyncWorkflow(input: PortalSyncInput): Promise<PortalSyncStatus> {
  // Portal calls on their own queue, and no look-up once the portal holds the dossier: a slow portal
  // then costs two calls a change rather than three, none of them in the dossier queue's slots.
  const queuedApart = patched('portal-sync-queue');
  const { deliverPortalRecord, deliverPortalProgress } = proxyActivities<PortalSyncActivities>(
    queuedApart
      ? { ...deliveryOptions, taskQueue: portalTaskQueue(workflowInfo().taskQueue) }
      : deliveryOptions,
  );
  const pending = new Map<number, PortalChange>(input.pending.map((c) => [c.seq, c]));
  let syncedSeq = input.syncedSeq;
  let lastError = input.lastError;
  // Two activities, so that progress refused after an accepted record never sends that record again.
  let recordSent = false;
  // Only the latest resync counts: it carries the newest state.
  let resend: PortalResend | undefined = input.resend;

  const status = (): PortalSyncStatus => {
    const receivedSeq = Math.max(syncedSeq, ...pending.keys());
    return {
      dossierCode: input.dossierCode,
      syncedSeq,
      receivedSeq,
      state: lastError !== undefined ? 'failing' : receivedSeq > syncedSeq ? 'behind' : 'synced',
      lastError,
    };
  };
  const publish = () => {
    const s = status();
    upsertSearchAttributes([
      { key: DossierCode, value: input.dossierCode },
      { key: PortalSyncedSeq, value: s.syncedSeq },
      { key: PortalSyncState, value: s.state },
    ]);
  };

  setHandler(portalChangeSignal, (change) => {
    // A change delivered again (a replayed signal, a restarted dossier) is neither queued nor sent twice.
    if (change.seq > syncedSeq) pending.set(change.seq, change);
  });
  setHandler(portalResendSignal, (asked) => {
    resend = asked;
  });
  setHandler(portalSyncStatusQuery, status);
  publish();

  let backoff = FIRST_BACKOFF_MS;
  for (;;) {
    // The numbered changes first: a resync restates the newest record, so it goes after them.
    await condition(() => pending.has(syncedSeq + 1) || resend !== undefined);
    const next = pending.get(syncedSeq + 1);
    const asked = next ? undefined : resend;
    const change = next ?? resendAfter(syncedSeq, asked!);
    try {
      if (!recordSent) {
        // A numbered change after an accepted one is an update (a resync looks again: it repairs).
        if (queuedApart && next && syncedSeq > 0) await deliverPortalRecord(change, true);
        else await deliverPortalRecord(change);
        recordSent = true;
      }
      await deliverPortalProgress(change);
    } catch (err) {
      lastError = err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
      publish();
      // A resync asked for meanwhile is the ops' push: try again at once rather than after the back-off.
      const waiting = resend;
      await condition(() => resend !== waiting, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      continue;
    }
    recordSent = false;
    lastError = undefined;
    backoff = FIRST_BACKOFF_MS;
    if (asked) {
      // A newer resync that arrived while this one was on its way is still to send.
      if (resend === asked) resend = undefined;
      publish();
      if ((asked.final || input.resendOnly) && pending.size === 0 && resend === undefined) return status();
      continue;
    }
    pending.delete(change.seq);
    syncedSeq = change.seq;
    publish();
    if (change.final) return status();
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > MAX_HISTORY_EVENTS) {
      await continueAsNew<typeof portalSyncWorkflow>({
        dossierCode: input.dossierCode,
        pending: [...pending.values()],
        syncedSeq,
        resend,
        resendOnly: input.resendOnly,
      });
    }
  }
}
