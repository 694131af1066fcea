import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CompleteCorrectionPayload, CorrectionState } from '../domain/correction/correction';
import type { Actor } from '../domain/dossier/types';

export const correctionStateQuery = defineQuery<CorrectionState>('correctionState');
export interface CompleteCorrectionArgs {
  actor: Actor;
  payload: CompleteCorrectionPayload;
}
/** The issuing agency records the corrected result; its validator refuses before history is touched. */
export const completeCorrectionUpdate = defineUpdate<CorrectionState, [CompleteCorrectionArgs]>(
  'correction.complete',
);
