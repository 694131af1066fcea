import type { CounterDecision } from '../domain/dossier/context';
import { prepareDossier } from '../domain/dossier/start';
import type { Actor, DossierState, StepState, SubmittedDocument } from '../domain/dossier/types';
import { stepPhases, type Procedure } from '../domain/procedure';
import { status } from '../domain/status';
import type { SubmissionChannel } from '../domain/vocabulary';
import { sealAccessCode } from '../platform/auth/access-code-seal';
import { procedureVersionHash } from '../platform/database/catalogue';
import { nextDossierCode } from '../platform/database/dossier-codes';
import {
  deleteDossier,
  dossierExists,
  insertReceivedDossier,
  setAccessCode,
  type ReceivedDossier,
} from '../platform/database/repositories/dossiers';
import { hashAccessCode, newAccessCode } from './access-code';
import type { AttemptMemory } from './idempotency';
import type { Services } from './services';

export interface Applicant {
  fullName: string;
  idNumber: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface Reception {
  procedure: Procedure;
  channel: SubmissionChannel;
  applicant: Applicant;
  documents: SubmittedDocument[];
  /** Receipt (counter, post) or submission (online) time. */
  at: Date;
  /** The clerk who receives it at once; none for an online submission that waits for acceptance. */
  receivedBy?: Actor;
  /** Or the clerk's decision not to receive it (form 02 or 03). */
  notReceived?: CounterDecision;
  /** The citizen asked for a receipt of an immediate-result dossier (docs/rules.md B7). */
  receiptRequested?: boolean;
}

/**
 * Issues the dossier's code and starts its workflow. The read-model row goes in first with the applicant
 * (personal data lives only in the database, never in workflow ids, inputs or search attributes); if the
 * workflow was not started the row is taken out again, so a failed reception leaves nothing behind but
 * an unused number of the day's sequence. A start that failed may still have happened (a timeout), so
 * Temporal is asked before the row goes; when it cannot say, a retry under the same Idempotency-Key (whose
 * `memory` keeps the code) puts the row back under the same code and joins the workflow if it exists.
 *
 * Answers the citizen's access code, which only its hash keeps afterwards, and the workflow's first state,
 * or undefined if it could not be asked in time: the dossier exists either way, and the caller must say so
 * rather than report a failure.
 */
export async function receiveDossier(
  s: Services,
  r: Reception,
  memory?: AttemptMemory,
): Promise<{ code: string; accessCode: string; state?: DossierState }> {
  const { procedure } = r;
  // Any desk of the province receives any procedure (docs/rules.md A3); online ones go to the procedure's.
  const desk = (r.receivedBy ?? r.notReceived?.by)?.agencyCode ?? procedure.receivingAgency;
  const agency = s.agency(desk);
  if (!agency) throw new Error(`procedure ${procedure.code}: receiving desk ${desk} is unknown`);
  const remembered = memory?.remembered as { code: string } | undefined;
  const code = remembered?.code ?? (await nextDossierCode(s.db, agency.identifier, r.at));
  if (!remembered) await memory?.remember({ code });
  const input = prepareDossier(
    procedure,
    {
      code,
      channel: r.channel,
      submittedAt: r.at.toISOString(),
      documents: r.documents,
      receivedBy: r.receivedBy,
      notReceived: r.notReceived,
      ...(r.receiptRequested && { receiptRequested: true }),
      ...(desk !== procedure.receivingAgency && { receivingDesk: desk }),
    },
    s.calendar,
  );
  if (s.portalSync) input.portalSync = true;
  if (s.onlinePayment) input.onlinePayment = s.onlinePayment;
  const accessCode = newAccessCode();
  const accessCodeHash = hashAccessCode(s.accessCodePepper, accessCode);
  // For the receipt message only, which the worker sends and then wipes (platform/auth/access-code-seal.ts).
  const accessCodeSealed = sealAccessCode(s.accessCodePepper, code, accessCode);
  const initial = status(r.receivedBy ? 'received' : 'submitted');
  const row: ReceivedDossier = {
    code,
    procedureCode: procedure.code,
    procedureName: procedure.name,
    procedureVersionHash: procedureVersionHash(procedure),
    channel: r.channel,
    applicantName: r.applicant.fullName,
    applicantIdNumber: r.applicant.idNumber,
    applicantPhone: r.applicant.phone,
    applicantEmail: r.applicant.email,
    applicantAddress: r.applicant.address,
    accessCodeHash,
    accessCodeSealed,
    documents: r.documents,
    steps: waitingSteps(procedure),
    statusCode: initial.code,
    statusKey: initial.key,
    receivingAgencyCode: desk,
    submittedAt: r.at,
    receivedAt: r.receivedBy ? r.at : null,
    calendarVersion: input.start.calendarVersion,
    // Below the workflow's first version, so that its first projection replaces this row's state.
    projectionVersion: 0,
  };
  // An earlier attempt under the same key may have left the row (its process died after the start).
  if (!remembered || !(await dossierExists(s.db, code))) await insertReceivedDossier(s.db, row);
  else await setAccessCode(s.db, code, { accessCodeHash, accessCodeSealed });
  try {
    await s.workflows.start(input);
  } catch (err) {
    if (!(await s.workflows.started(code).catch(() => false))) {
      await deleteDossier(s.db, code);
      throw err;
    }
  }
  const state = await s.workflows.state(code).catch(() => undefined);
  return { code, accessCode, state };
}

/**
 * The steps as the workflow starts them, all waiting, so that from the first moment the read model
 * knows which agencies take part (who may see the dossier) before the first projection replaces them.
 */
function waitingSteps(procedure: Procedure): StepState[] {
  return stepPhases(procedure).flatMap((phase, index) =>
    phase.map(({ id, name, agency, role }) => ({
      id,
      name,
      agency,
      role,
      phase: index,
      state: 'waiting' as const,
    })),
  );
}
