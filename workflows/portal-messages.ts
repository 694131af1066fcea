import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { PortalChange, PortalResend } from '../domain/portal/record';

/** One sync workflow per dossier delivers its changes to the national portal. */
export const portalSyncWorkflowId = (dossierCode: string) => `portal-sync:${dossierCode}`;

export interface PortalSyncInput {
  dossierCode: string;
  /** Changes not yet delivered, in any order; the first run gets the dossier's first change. */
  pending: PortalChange[];
  /** The last change the portal accepted; 0 before the first. */
  syncedSeq: number;
  lastError?: string;
  /** A resync asked for and not yet sent. */
  resend?: PortalResend;
  /** Started by a resync for a dossier whose sync had ended: it ends once the resent record is accepted. */
  resendOnly?: boolean;
}

/** 'synced': nothing waiting; 'behind': changes waiting their turn; 'failing': the last attempt failed. */
export type PortalSyncState = 'synced' | 'behind' | 'failing';

export interface PortalSyncStatus {
  dossierCode: string;
  syncedSeq: number;
  /** The highest change received from the dossier so far. */
  receivedSeq: number;
  state: PortalSyncState;
  lastError?: string;
}

export const portalChangeSignal = defineSignal<[PortalChange]>('portalChange');
export const portalSyncStatusQuery = defineQuery<PortalSyncStatus>('portalSyncStatus');
/** Sends the dossier's full record again, rebuilt from its current state, after the changes waiting. */
export const portalResendSignal = defineSignal<[PortalResend]>('portalResend');

/** One workflow per month sends its rating summary: the id makes the month's delivery happen once. */
export const portalRatingsWorkflowId = (month: string) => `portal-ratings:${month}`;
/** The schedule that starts the month's delivery on the 1st. */
export const PORTAL_RATINGS_SCHEDULE_ID = 'portal-ratings-monthly';
