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
/** Of a feedback case (phản ánh, kiến nghị), beside AgencyCode, DueAt and IsOverdue. */
export const FeedbackCode = defineSearchAttributeKey('FeedbackCode', SearchAttributeType.KEYWORD);
export const FeedbackStatus = defineSearchAttributeKey('FeedbackStatus', SearchAttributeType.KEYWORD);
export const Category = defineSearchAttributeKey('Category', SearchAttributeType.KEYWORD);

/** Every key MotCua's workflows set, dossiers' and feedback cases' alike: what each server must register. */
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
  FeedbackCode,
  FeedbackStatus,
  Category,
] as const;
