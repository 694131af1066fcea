import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { PortalChange } from '../domain/portal/record';

/** One sync workflow per dossier delivers its changes to the national portal. */
export const portalSyncWorkflowId = (dossierCode: string) => `portal-sync:${dossierCode}`;

export interface PortalSyncInput {
  dossierCode: string;
  /** Changes not yet delivered, in any order; the first run gets the dossier's first change. */
  pending: PortalChange[];
  /** The last change the portal accepted; 0 before the first. */
  syncedSeq: number;
  lastError?: string;
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
