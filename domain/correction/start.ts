import { DossierRuleError } from '../dossier/errors';
import { expectReceivingAgency, forbid } from '../dossier/guards';
import { receiptCalendar, type CalendarOptions } from '../dossier/start';
import type { Actor, DossierState } from '../dossier/types';
import type { Procedure } from '../procedure';
import type { CorrectionWorkflowInput } from './correction';

/**
 * The receiving desk asks for a correction of a returned, approved result on the citizen's behalf; the
 * limit counts on the procedure's calendar in force at the request.
 */
export function prepareCorrection(
  dossier: DossierState,
  procedure: Procedure,
  request: { seq: number; actor: Actor; reason: string; now: Date },
  options: CalendarOptions = {},
): CorrectionWorkflowInput {
  if (dossier.status !== 'returned' || dossier.decision?.kind !== 'approved') {
    throw new DossierRuleError('INVALID_TRANSITION', 'only a returned result can be corrected');
  }
  if (request.actor.role !== 'receiver') forbid('the receiving desk asks for a correction');
  expectReceivingAgency(dossier, request.actor);
  const requestedAt = request.now.toISOString();
  return {
    start: {
      dossierCode: dossier.code,
      seq: request.seq,
      procedureName: procedure.name,
      receivingAgency: dossier.receivingAgency,
      resultAgency: dossier.steps[dossier.steps.length - 1].agency,
      requestedAt,
      requestedBy: request.actor,
      reason: request.reason,
    },
    calendar: receiptCalendar(procedure, requestedAt, options),
  };
}
