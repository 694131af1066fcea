import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CommandName, CommandPayloads } from '../domain/dossier/commands';
import type { Actor, DossierState } from '../domain/dossier/types';

export type { DossierWorkflowInput } from '../domain/dossier/start';

export interface ActionArgs<K extends CommandName> {
  actor: Actor;
  payload: CommandPayloads[K];
}

function action<K extends CommandName>(name: K) {
  return defineUpdate<DossierState, [ActionArgs<K>]>(name);
}

/** Clerk actions: Updates whose validators reject what the rules forbid before history is touched. */
export const actions = {
  accept: action('accept'),
  requestCompletion: action('requestCompletion'),
  refuse: action('refuse'),
  completeStep: action('completeStep'),
  assignStep: action('assignStep'),
  sendBack: action('sendBack'),
  requestSupplement: action('requestSupplement'),
  supplement: action('supplement'),
  requireVerification: action('requireVerification'),
  requestPayment: action('requestPayment'),
  confirmPayment: action('confirmPayment'),
  extend: action('extend'),
  approve: action('approve'),
  returnResult: action('returnResult'),
  withdraw: action('withdraw'),
  requestCorrection: action('requestCorrection'),
} as const;

export const stateQuery = defineQuery<DossierState>('state');

/** A payment gateway's callback: fire and forget, so a signal rather than an update. */
export const paymentConfirmedSignal = defineSignal<[{ reference: string }]>('paymentConfirmed');

/** `npm run calendar:publish`: a new calendar version the dossier's deadlines are counted on again. */
export const calendarPublishedSignal = defineSignal<[{ version: string }]>('calendarPublished');
