/** Who may act on a dossier, and in which state: the checks that refuse with a rule error. */
import { CLOSED_STATUSES, DOSSIER_STATUSES, type StatusKey } from '../status';
import type { CommandName } from './commands';
import { DossierRuleError } from './errors';
import type { Actor, DossierState } from './types';

export function isClosed(state: DossierState): boolean {
  return CLOSED_STATUSES.includes(state.status);
}

/** Who may act, checked before the state is looked at; the API refuses other roles up front. */
export const ACTION_ROLES: { [K in CommandName]: readonly Actor['role'][] } = {
  accept: ['receiver'],
  requestCompletion: ['receiver'],
  refuse: ['receiver', 'specialist', 'leader'],
  completeStep: ['specialist', 'leader'],
  assignStep: ['specialist', 'leader'],
  sendBack: ['specialist', 'leader'],
  requestSupplement: ['specialist', 'leader'],
  supplement: ['receiver'],
  requireVerification: ['specialist', 'leader'],
  requestPayment: ['specialist', 'leader'],
  confirmPayment: ['receiver', 'system'],
  extend: ['leader'],
  approve: ['leader'],
  returnResult: ['receiver'],
  withdraw: ['receiver'],
  requestCorrection: ['receiver', 'leader'],
};

export function expectStatus(d: DossierState, allowed: readonly StatusKey[]) {
  if (!allowed.includes(d.status)) {
    throw new DossierRuleError(
      'INVALID_TRANSITION',
      `not allowed while the dossier is "${DOSSIER_STATUSES[d.status].label}" (${d.status})`,
    );
  }
}

export function expectReceivingAgency(d: DossierState, actor: Actor) {
  if (actor.agencyCode !== d.receivingAgency) forbid(`dossier ${d.code} is received by ${d.receivingAgency}`);
}

export function expectCurrentAgency(d: DossierState, actor: Actor) {
  const holders = d.steps.filter((s) => s.state === 'active').map((s) => s.agency);
  if (!holders.includes(actor.agencyCode))
    forbid(`dossier ${d.code} is held by ${holders.join(', ') || 'no agency'}`);
}

export function forbid(message: string): never {
  throw new DossierRuleError('FORBIDDEN', message);
}
