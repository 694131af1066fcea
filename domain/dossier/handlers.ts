/** One handler per clerk action: checks its preconditions, then changes the draft state. */
import type { Notification } from '../notifications/notification';
import { formatVietnamDate } from '../calendar/workflow-safe';
import { formatDuration } from '../duration';
import { WITHDRAWABLE_STATUSES } from '../status';
import type { CommandName, CommandPayloads } from './commands';
import {
  ONLINE_ACCEPTANCE,
  SUPPLEMENT_WINDOW,
  CORRECTION_LIMIT,
  iso,
  at,
  paymentWaitExcluded,
  type RuleContext,
} from './context';
import { DossierRuleError } from './errors';
import { expectStatus, expectReceivingAgency, expectCurrentAgency, forbid } from './guards';
import { citizen, staff } from './notices';
import {
  receive,
  startClock,
  activatePhase,
  noteDueDate,
  finishStep,
  decideResult,
  closeActiveSteps,
  correctionWindowEnd,
  isFinalStep,
  procedureStep,
  legalDueAt,
} from './transitions';
import type { Actor, DossierState, StepState } from './types';

export type Handler<K extends CommandName> = (
  draft: DossierState,
  payload: CommandPayloads[K],
  actor: Actor,
  ctx: RuleContext,
  out: Notification[],
) => void;

export const HANDLERS: { [K in CommandName]: Handler<K> } = {
  accept(d, _p, actor, ctx, out) {
    expectStatus(d, ['submitted']);
    expectReceivingAgency(d, actor);
    receive(d, ctx, actor, out);
    out.push(citizen(d, ctx, 'submission_accepted', 'accepted'));
  },

  requestCompletion(d, p, actor, ctx, out) {
    if (d.completionRequestCount > 0) {
      throw new DossierRuleError(
        'COMPLETION_ALREADY_REQUESTED',
        'chỉ được yêu cầu bổ sung, hoàn thiện hồ sơ một lần (Nghị định 118/2025, Điều 16(3))',
      );
    }
    expectStatus(d, ['submitted']);
    expectReceivingAgency(d, actor);
    const closeBy = iso(ctx.calendar.addDuration(ctx.now, SUPPLEMENT_WINDOW));
    d.completion = { requestedAt: iso(ctx.now), requestedBy: actor.username, ...p, closeBy };
    d.completionRequestCount += 1;
    d.status = 'awaiting_supplement';
    d.substate = 'awaiting_completion';
    out.push(
      citizen(d, ctx, 'completion_requested', 'completion', {
        reason: p.reason,
        documents: p.missingDocuments,
        closeBy,
      }),
    );
  },

  refuse(d, p, actor, ctx, out) {
    if (d.status === 'submitted' || d.substate === 'awaiting_completion') {
      if (actor.role !== 'receiver') forbid('only the receiving desk refuses at reception');
      expectReceivingAgency(d, actor);
      d.refusal = { at: iso(ctx.now), by: actor.username, reason: p.reason, stage: 'reception' };
      d.status = 'not_accepted';
      d.substate = undefined;
      d.closedAt = iso(ctx.now);
    } else {
      expectStatus(d, ['processing']);
      if (actor.role === 'receiver') forbid('after reception only the competent agency refuses');
      expectCurrentAgency(d, actor);
      // A refusal after appraisal is a result of its own, returned through the One-stop (118 Art. 19(3)).
      d.refusal = { at: iso(ctx.now), by: actor.username, reason: p.reason, stage: 'appraisal' };
      decideResult(d, ctx, actor, { kind: 'refused', reason: p.reason });
    }
    out.push(citizen(d, ctx, 'refused', 'refused', { reason: p.reason }));
  },

  completeStep(d, p, actor, ctx, out) {
    expectStatus(d, ['processing']);
    const step = currentStep(d, p.stepId, actor);
    if (step.role === 'leader' && actor.role !== 'leader') forbid(`step ${step.id} is signed by a leader`);
    // An assigned step is the assignee's; the agency's leader may still sign it off.
    if (step.assignee && step.assignee !== actor.username && actor.role !== 'leader') {
      forbid(`step ${step.id} is assigned to ${step.assignee}`);
    }
    if (isFinalStep(d, step)) {
      throw new DossierRuleError(
        'INVALID_TRANSITION',
        `step ${step.id} is the decision: approve or refuse the dossier`,
      );
    }
    finishStep(d, step, ctx.now, actor, p.note);
    const phaseDone = d.steps.filter((s) => s.phase === d.currentPhase).every((s) => s.state === 'done');
    if (phaseDone) activatePhase(d, d.currentPhase + 1, ctx, actor, out);
  },

  assignStep(d, p, actor) {
    expectStatus(d, ['processing']);
    const step = currentStep(d, p.stepId, actor);
    // A specialist only takes an unassigned step for themself; the leader assigns and reassigns. The API
    // checks that the assignee is an active specialist of the agency.
    if (actor.role === 'specialist' && (p.assignee !== actor.username || step.assignee !== undefined)) {
      forbid(`only a leader of ${step.agency} assigns step ${step.id}`);
    }
    step.assignee = p.assignee;
  },

  sendBack(d, p, actor, ctx, out) {
    expectStatus(d, ['processing']);
    const step = currentStep(d, p.stepId, actor);
    if (d.currentPhase === 0) {
      throw new DossierRuleError(
        'NO_PREVIOUS_STEP',
        `step ${step.id} is the first: request a supplement instead`,
      );
    }
    for (const s of d.steps.filter((s) => s.phase === d.currentPhase)) {
      Object.assign(s, { state: 'waiting', startedAt: undefined, dueAt: undefined });
      clearOutcome(s);
    }
    for (const s of d.steps.filter((s) => s.phase === d.currentPhase - 1)) clearOutcome(s);
    activatePhase(d, d.currentPhase - 1, ctx, actor, out, { from: step.agency, note: p.reason });
  },

  requestSupplement(d, p, actor, ctx, out) {
    const further = d.supplementCount > 0;
    if (further) expectSectorLawException(d, p.sectorLawException, ctx);
    expectStatus(d, ['processing']);
    expectCurrentAgency(d, actor);
    if (further) expectFurtherSupplementInTime(d, ctx);
    else if (ctx.features?.supplementRequestLimit) expectSupplementInTime(d, actor, ctx);
    const closeBy = iso(ctx.calendar.addDuration(ctx.now, SUPPLEMENT_WINDOW));
    d.supplement = {
      requestedAt: iso(ctx.now),
      requestedBy: actor.username,
      agency: actor.agencyCode,
      reason: p.reason,
      documents: p.documents,
      closeBy,
      ...(further && { sectorLawBasis: ctx.procedure.furtherSupplement!.basis }),
    };
    d.supplementCount += 1;
    d.status = 'awaiting_supplement';
    out.push(
      citizen(d, ctx, 'supplement_requested', 'supplement', {
        reason: p.reason,
        documents: p.documents,
        closeBy,
      }),
    );
  },

  supplement(d, p, actor, ctx, out) {
    expectStatus(d, ['awaiting_supplement']);
    expectReceivingAgency(d, actor);
    d.documents.push(...p.documents);
    if (d.substate === 'awaiting_completion') {
      // Completed before acceptance: the 8 working hours to accept start again.
      d.status = 'submitted';
      d.substate = 'awaiting_acceptance';
      d.acceptBy = iso(ctx.calendar.addDuration(ctx.now, ONLINE_ACCEPTANCE));
      return;
    }
    // The time limit is counted again from zero, it does not resume (118 Art. 19(5)).
    d.supplement!.receivedAt = iso(ctx.now);
    d.status = 'processing';
    startClock(d, ctx);
    for (const step of d.steps.filter((s) => s.state === 'active')) {
      step.dueAt = iso(ctx.calendar.addDuration(ctx.now, procedureStep(ctx, step.id).duration));
      d.handoffs.push({
        seq: d.handoffs.length + 1,
        stepId: step.id,
        fromAgency: d.receivingAgency,
        toAgency: step.agency,
        givenAt: iso(ctx.now),
        givenBy: actor.username,
        dueAt: step.dueAt,
        note: 'Hồ sơ bổ sung',
      });
      out.push(
        staff(d, ctx, step.agency, ['specialist', 'leader'], 'supplement_received', `step:${step.id}`),
      );
    }
    out.push(citizen(d, ctx, 'supplement_received', 'supplement'));
  },

  requireVerification(d, p, actor, ctx, out) {
    const verification = ctx.procedure.verification;
    if (!verification) {
      throw new DossierRuleError(
        'INVALID_TRANSITION',
        `${ctx.procedure.code} has no longer limit for verification`,
      );
    }
    if (d.verification) throw new DossierRuleError('INVALID_TRANSITION', 'verification was already declared');
    expectStatus(d, ['processing']);
    expectCurrentAgency(d, actor);
    // Declared within the normal limit, before any apology moved the date: after that it would excuse a delay.
    if (d.extension || ctx.now > at(d.dueAt!)) {
      throw new DossierRuleError(
        'INVALID_TRANSITION',
        'verification is declared within the normal time limit, before any extension',
      );
    }
    const previousDueAt = d.dueAt!;
    d.verification = {
      declaredAt: iso(ctx.now),
      declaredBy: actor.username,
      agency: actor.agencyCode,
      reason: p.reason,
      previousDueAt,
    };
    d.dueAt = iso(legalDueAt(d, at(d.clockStartedAt!), ctx));
    d.originalDueAt = d.dueAt;
    noteDueDate(d, ctx);
    out.push(
      citizen(d, ctx, 'verification_required', 'verification', {
        reason: p.reason,
        previousDueAt,
        basis: verification.basis,
      }),
    );
  },

  requestPayment(d, p, actor, ctx, out) {
    if (!ctx.procedure.financialObligation) {
      throw new DossierRuleError('PAYMENT_NOT_REQUIRED', `${ctx.procedure.code} has no financial obligation`);
    }
    expectStatus(d, ['processing']);
    if (d.payment)
      throw new DossierRuleError('INVALID_TRANSITION', 'the financial obligation was already notified');
    expectCurrentAgency(d, actor);
    d.payment = {
      requestedAt: iso(ctx.now),
      requestedBy: actor.username,
      amountVnd: p.amountVnd,
      reason: p.reason,
    };
    d.status = 'awaiting_payment';
    out.push(citizen(d, ctx, 'payment_requested', 'payment', { amountVnd: p.amountVnd, reason: p.reason }));
  },

  confirmPayment(d, p, actor, ctx) {
    expectStatus(d, ['awaiting_payment']);
    if (actor.role !== 'system') expectReceivingAgency(d, actor);
    d.payment!.paidAt = iso(ctx.now);
    d.payment!.reference = p.reference;
    d.status = 'processing';
    if (ctx.features?.paymentRules && actor.role === 'system') d.payment!.online = true;
    if (paymentWaitExcluded(ctx)) {
      // Whole working days, as the deadline is counted: paid the day it was asked, nothing moves.
      const waited = Math.max(0, ctx.calendar.workingDaysBetween(at(d.payment!.requestedAt), ctx.now));
      d.payment!.excludedWorkingDays = waited;
      const later = (due: string) =>
        iso(ctx.calendar.addDuration(at(due), { amount: waited, unit: 'working_days' }));
      if (waited > 0) {
        d.dueAt = later(d.dueAt!);
        for (const step of d.steps) if (step.state === 'active' && step.dueAt) step.dueAt = later(step.dueAt);
      }
    }
  },

  extend(d, p, actor, ctx, out) {
    if (d.extensionCount > 0) {
      throw new DossierRuleError(
        'EXTENSION_ALREADY_USED',
        'chỉ được hẹn lại ngày trả kết quả không quá một lần (Nghị định 118/2025, Điều 19(6))',
      );
    }
    expectStatus(d, ['processing', 'awaiting_payment']);
    expectCurrentAgency(d, actor);
    const due = at(d.dueAt!);
    const cutoff = ctx.calendar.extensionCutoff(due);
    if (ctx.now > cutoff) {
      throw new DossierRuleError(
        'EXTENSION_TOO_LATE',
        `gia hạn chậm nhất 01 ngày trước hạn (${formatVietnamDate(cutoff)}); hạn trả là ${formatVietnamDate(due)}`,
      );
    }
    const requested = at(p.newDueAt);
    if (Number.isNaN(requested.getTime()) || requested <= due) {
      throw new DossierRuleError('VALIDATION_FAILED', 'newDueAt must be a date after the current due date');
    }
    // The new appointment is a day: it runs to the end of that day, rolled to a working day like any limit.
    const newDue = ctx.calendar.addDuration(requested, { amount: 0, unit: 'working_days' });
    d.extension = {
      issuedAt: iso(ctx.now),
      issuedBy: actor.username,
      reason: p.reason,
      previousDueAt: d.dueAt!,
      newDueAt: iso(newDue),
    };
    d.extensionCount += 1;
    d.dueAt = iso(newDue);
    noteDueDate(d, ctx);
    out.push(
      citizen(d, ctx, 'extended', 'extension', {
        reason: p.reason,
        previousDueAt: d.extension.previousDueAt,
      }),
    );
  },

  approve(d, p, actor, ctx, out) {
    expectStatus(d, ['processing']);
    const final = d.steps[d.steps.length - 1];
    if (final.state !== 'active') {
      throw new DossierRuleError('STEP_NOT_CURRENT', `the decision step ${final.id} is not reached yet`);
    }
    if (final.agency !== actor.agencyCode) forbid(`the decision belongs to the leader of ${final.agency}`);
    finishStep(d, final, ctx.now, actor, p.note);
    decideResult(d, ctx, actor, { kind: 'approved', note: p.note });
    out.push(citizen(d, ctx, 'result_ready', `result:${d.correction?.count ?? 0}`));
    if (ctx.features?.earlyReturnNotice) announceEarlyReturn(d, ctx, out);
    out.push(
      staff(d, ctx, d.receivingAgency, ['receiver'], 'result_ready', `result:${d.correction?.count ?? 0}`),
    );
  },

  returnResult(d, p, actor, ctx, out) {
    expectStatus(d, ['processed']);
    expectReceivingAgency(d, actor);
    const round = `return:${d.correction?.count ?? 0}`;
    // An early return is welcome, but the citizen is told beforehand (118 Art. 22(5)): when the result was
    // ready if there was time, otherwise now.
    if (d.dueAt && ctx.now < at(d.dueAt) && !d.earlyReturnAt) {
      out.push(citizen(d, ctx, 'early_return_notice', round));
    }
    d.status = 'returned';
    d.substate = undefined;
    d.returnedAt = iso(ctx.now);
    d.returnMethod = p.method;
    out.push(citizen(d, ctx, 'returned', round, { method: p.method }));
    if (!d.correction) out.push(citizen(d, ctx, 'rating_invitation', 'rating'));
  },

  withdraw(d, p, actor, ctx, out) {
    expectStatus(d, WITHDRAWABLE_STATUSES);
    expectReceivingAgency(d, actor);
    d.withdrawal = { at: iso(ctx.now), by: actor.username, reason: p.reason };
    closeActiveSteps(d);
    d.status = 'withdrawn';
    d.substate = undefined;
    d.closedAt = iso(ctx.now);
    out.push(citizen(d, ctx, 'withdrawn', 'withdrawn'));
  },

  requestCorrection(d, p, actor, ctx, out) {
    if (d.status !== 'returned' || d.decision?.kind !== 'approved') {
      throw new DossierRuleError('INVALID_TRANSITION', 'only a returned result can be corrected');
    }
    if (ctx.now > correctionWindowEnd(d, ctx)) {
      throw new DossierRuleError(
        'CORRECTION_WINDOW_CLOSED',
        'the correction window of this dossier has ended',
      );
    }
    if (actor.role === 'receiver') expectReceivingAgency(d, actor);
    const final = d.steps[d.steps.length - 1];
    if (actor.role === 'leader' && actor.agencyCode !== final.agency)
      forbid(`the result was issued by ${final.agency}`);
    const dueAt = iso(ctx.calendar.addDuration(ctx.now, CORRECTION_LIMIT));
    d.correction = {
      requestedAt: iso(ctx.now),
      requestedBy: actor.username,
      reason: p.reason,
      dueAt,
      count: (d.correction?.count ?? 0) + 1,
    };
    d.status = 'processing';
    d.substate = 'correcting';
    d.dueAt = dueAt;
    noteDueDate(d, ctx);
    Object.assign(final, {
      state: 'active',
      startedAt: iso(ctx.now),
      dueAt,
      completedAt: undefined,
      result: undefined,
    });
    d.handoffs.push({
      seq: d.handoffs.length + 1,
      stepId: final.id,
      fromAgency: d.receivingAgency,
      toAgency: final.agency,
      givenAt: iso(ctx.now),
      givenBy: actor.username,
      dueAt,
      note: `Đính chính kết quả: ${p.reason}`,
    });
    out.push(staff(d, ctx, final.agency, ['leader'], 'transferred', `correction:${d.correction.count}`));
  },
};

/** The agency asks for a supplement within its limit from when it received the dossier (118 Art. 19(5)). */
function expectSupplementInTime(d: DossierState, actor: Actor, ctx: RuleContext) {
  const received = d.handoffs.find((h) => h.toAgency === actor.agencyCode)!.givenAt;
  const limit = ctx.procedure.supplementRequestLimit;
  const latest = ctx.calendar.addDuration(at(received), limit);
  if (ctx.now > latest) {
    throw new DossierRuleError(
      'SUPPLEMENT_TOO_LATE',
      `chỉ được yêu cầu bổ sung trong ${formatDuration(limit)} kể từ khi nhận hồ sơ ` +
        `(Nghị định 118/2025, Điều 19(5)): hạn đã hết ${formatVietnamDate(latest)}`,
    );
  }
}

/**
 * One supplement request per dossier (118 Art. 11(2)(c)). A second only where the procedure cites a sector
 * law allowing it, and only when the clerk says so explicitly: the flag stays in the audit trail.
 */
function expectSectorLawException(d: DossierState, explicit: true | undefined, ctx: RuleContext) {
  const exception = ctx.procedure.furtherSupplement;
  if (exception && explicit && d.supplementCount === 1) return;
  const hint =
    exception && d.supplementCount === 1 ? `; ngoại lệ theo ${exception.basis} phải được nêu rõ` : '';
  throw new DossierRuleError(
    'SUPPLEMENT_ALREADY_REQUESTED',
    `hồ sơ chỉ được yêu cầu bổ sung một lần (Nghị định 118/2025, Điều 11(2)(c))${hint}`,
  );
}

/** The sector law's further request follows the supplement it finds short, within its own limit. */
function expectFurtherSupplementInTime(d: DossierState, ctx: RuleContext) {
  const { within, basis } = ctx.procedure.furtherSupplement!;
  const latest = ctx.calendar.addDuration(at(d.supplement!.receivedAt!), within);
  if (ctx.now > latest) {
    throw new DossierRuleError(
      'SUPPLEMENT_TOO_LATE',
      `chỉ được yêu cầu tiếp tục hoàn thiện hồ sơ trong ${formatDuration(within)} kể từ khi nhận hồ sơ bổ sung ` +
        `(${basis}): hạn đã hết ${formatVietnamDate(latest)}`,
    );
  }
}

/** The result is ready well before the appointment: the citizen hears when it can be collected instead. */
function announceEarlyReturn(d: DossierState, ctx: RuleContext, out: Notification[]) {
  const returnAt = ctx.calendar.addDuration(ctx.now, ctx.procedure.earlyReturnNotice);
  d.earlyReturnAt = undefined;
  if (returnAt >= at(d.dueAt!)) return;
  d.earlyReturnAt = iso(returnAt);
  out.push(
    citizen(d, ctx, 'early_return_notice', `return:${d.correction?.count ?? 0}`, {
      returnAt: d.earlyReturnAt,
    }),
  );
}

/** The active step `stepId`, which must belong to the actor's agency. */
function currentStep(d: DossierState, stepId: string, actor: Actor): StepState {
  const step = d.steps.find((s) => s.id === stepId);
  if (!step || step.state !== 'active') {
    throw new DossierRuleError('STEP_NOT_CURRENT', `step ${stepId} is not a current step of ${d.code}`);
  }
  if (step.agency !== actor.agencyCode) forbid(`step ${step.id} belongs to ${step.agency}`);
  return step;
}

/** A step done again forgets how it ended; the process control slip's handoffs keep the earlier rounds. */
function clearOutcome(step: StepState) {
  Object.assign(step, { completedAt: undefined, completedBy: undefined, result: undefined, note: undefined });
}
