import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * What ops filter dossiers by in the Temporal UI. Search attributes are never encrypted, so none of them
 * carries personal data: codes, status, dates and flags only.
 */
export const DossierCode = defineSearchAttributeKey('DossierCode', SearchAttributeType.KEYWORD);
export const ProcedureCode = defineSearchAttributeKey('ProcedureCode', SearchAttributeType.KEYWORD);
/** The agencies holding the dossier now: several while parallel inter-agency steps run. */
export const AgencyCode = defineSearchAttributeKey('AgencyCode', SearchAttributeType.KEYWORD_LIST);
export const DossierStatus = defineSearchAttributeKey('DossierStatus', SearchAttributeType.KEYWORD);
export const DueAt = defineSearchAttributeKey('DueAt', SearchAttributeType.DATETIME);
export const IsOverdue = defineSearchAttributeKey('IsOverdue', SearchAttributeType.BOOL);
export const Channel = defineSearchAttributeKey('Channel', SearchAttributeType.KEYWORD);
/** Of a dossier's national-portal sync workflow: the last change the portal accepted, and synced/behind/failing. */
export const PortalSyncedSeq = defineSearchAttributeKey('PortalSyncedSeq', SearchAttributeType.INT);
export const PortalSyncState = defineSearchAttributeKey('PortalSyncState', SearchAttributeType.KEYWORD);

export const DOSSIER_SEARCH_ATTRIBUTES = [
  DossierCode,
  ProcedureCode,
  AgencyCode,
  DossierStatus,
  DueAt,
  IsOverdue,
  Channel,
  PortalSyncedSeq,
  PortalSyncState,
] as const;
