import type { ReturnMethod } from '../vocabulary';
import type { Actor, SubmittedDocument } from './types';

/** The clerk actions of the REST contract; each reaches the dossier workflow as one Update. */
export interface CommandPayloads {
  accept: Record<string, never>;
  requestCompletion: { reason: string; missingDocuments: string[] };
  refuse: { reason: string };
  completeStep: { stepId: string; note?: string };
  requestSupplement: { reason: string; documents: string[] };
  supplement: { documents: SubmittedDocument[] };
  requestPayment: { amountVnd: number; reason: string };
  confirmPayment: { reference: string };
  extend: { reason: string; newDueAt: string };
  approve: { note?: string };
  returnResult: { method: ReturnMethod; note?: string };
  withdraw: { reason?: string };
  requestCorrection: { reason: string };
}

export type CommandName = keyof CommandPayloads;

export type Command = {
  [K in CommandName]: { name: K; actor: Actor; payload: CommandPayloads[K] };
}[CommandName];

export const SYSTEM_ACTOR: Actor = { username: 'system', role: 'system', agencyCode: '' };
