import { createHash, randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { CommandName, CommandPayloads } from '../../domain/dossier/commands';
import type { TransitionCode } from '../../domain/dossier/errors';
import { ACTION_ROLES } from '../../domain/dossier/machine';
import type { Actor } from '../../domain/dossier/types';
import type { UserRole } from '../../domain/vocabulary';
import type { DossierRecord as DossierRow } from '../../platform/database/repositories/dossiers';
import { findCredentials } from '../../platform/database/repositories/users';
import { ACCESS_CODE_HEADER, ACCESS_CODE_NOTE } from '../access-code';
import type { User } from '../auth';
import { audited, findDossier, stepsOf } from '../dossier-access';
import { conflict, forbidden, toApiError, validationFailed } from '../errors';
import type { RouteTable } from '../route-table';
import {
  ActionBodies,
  CorrectionSchema,
  DossierCodeParams,
  DossierSchema,
  PublicDossierSchema,
} from '../schemas';
import { CompleteCorrectionPayload } from '../../domain/correction/correction';
import { prepareCorrection } from '../../domain/correction/start';
import type { Services } from '../services';
import { correctionOfState, publicDossier, viewOfState } from '../views';
import { attachmentsOf, expectWithinDossierLimit, recordAttachments, storeAttachments } from '../documents';
import { FILES_BY_DOCUMENT, FILES_NOTE } from '../online';
import type { UploadedFile } from '../uploads';
import { currentDossierFiles } from '../../platform/database/repositories/dossier-files';
import { correctionProjectionVersion } from '../../platform/database/repositories/corrections';
import { dossierProjectionVersion } from '../../platform/database/repositories/dossiers';
import { readModelCaughtUp } from '../read-model-wait';
import { z } from 'zod';

/**
 * The clerk actions of the contract, one row each: the path, the workflow Update it runs, who may ask.
 * The workflow's validators have the last word on state and agency; the rows let the API refuse what it
 * can tell from the role and the read model alone without asking Temporal.
 */
type ActionCommand = Exclude<CommandName, 'requestCorrection'>;

interface ActionSpec {
  path: string;
  command: ActionCommand;
  summary: string;
  /**
   * Which agency's specialists and leaders may act: the agency of the step named in the body, of the
   * final (decision) step, or of any step. Receivers must always be the dossier's receiving desk.
   */
  staffAgency?: 'named-step' | 'final-step' | 'any-step';
  conflicts: readonly TransitionCode[];
}

/** The clerk roles the rules let do a command (the state machine's table, without the system actor). */
function rolesOf(command: ActionCommand): UserRole[] {
  return ACTION_ROLES[command].filter((role): role is UserRole => role !== 'system');
}

const CLOSED_OR_WRONG_STATE = ['INVALID_TRANSITION', 'DOSSIER_CLOSED'] as const;

export const ACTIONS: readonly ActionSpec[] = [
  {
    path: 'accept',
    command: 'accept',
    summary: 'Accept an online submission: the due date is set',
    conflicts: CLOSED_OR_WRONG_STATE,
  },
  {
    path: 'request-completion',
    command: 'requestCompletion',
    summary: 'Before acceptance, once: ask the applicant to complete the dossier',
    conflicts: ['COMPLETION_ALREADY_REQUESTED', ...CLOSED_OR_WRONG_STATE],
  },
  {
    path: 'refuse',
    command: 'refuse',
    staffAgency: 'any-step',
    summary: 'Refuse: at reception by the receiving desk, after it by the agency holding the dossier',
    conflicts: CLOSED_OR_WRONG_STATE,
  },
  {
    path: 'complete-step',
    command: 'completeStep',
    staffAgency: 'named-step',
    summary: 'Finish a current step: hands the dossier to the next step or agency',
    conflicts: ['STEP_NOT_CURRENT', ...CLOSED_OR_WRONG_STATE],
  },
  {
    path: 'assign-step',
    command: 'assignStep',
    staffAgency: 'named-step',
    summary:
      'A leader assigns a current step to a named specialist of the agency (or reassigns it); a specialist takes an unassigned one',
    conflicts: ['STEP_NOT_CURRENT', ...CLOSED_OR_WRONG_STATE],
  },
  {
    path: 'send-back',
    command: 'sendBack',
    staffAgency: 'named-step',
    summary: 'Send the dossier back to the previous step, with the reason (on the process control slip)',
    conflicts: ['STEP_NOT_CURRENT', 'NO_PREVIOUS_STEP', ...CLOSED_OR_WRONG_STATE],
  },
  {
    path: 'request-supplement',
    command: 'requestSupplement',
    staffAgency: 'any-step',
    summary:
      'Once per dossier, within the procedure’s limit after the agency received it: ask the applicant for more documents (a second time only with sectorLawException, where the procedure’s sector law allows it)',
    conflicts: ['SUPPLEMENT_ALREADY_REQUESTED', 'SUPPLEMENT_TOO_LATE', ...CLOSED_OR_WRONG_STATE],
  },
  {
    path: 'supplement',
    command: 'supplement',
    summary: 'The applicant’s documents arrived: the deadline restarts from zero',
    conflicts: CLOSED_OR_WRONG_STATE,
  },
  {
    path: 'require-verification',
    command: 'requireVerification',
    staffAgency: 'any-step',
    summary:
      'The competent agency must verify: the procedure’s longer time limit applies from the same start, and the applicant is told the new date',
    conflicts: CLOSED_OR_WRONG_STATE,
  },
  {
    path: 'request-payment',
    command: 'requestPayment',
    staffAgency: 'any-step',
    summary: 'Notify the financial obligation (status 6)',
    conflicts: ['PAYMENT_NOT_REQUIRED', ...CLOSED_OR_WRONG_STATE],
  },
  {
    path: 'confirm-payment',
    command: 'confirmPayment',
    summary: 'The receiving desk confirms the payment (a gateway callback is not this endpoint)',
    conflicts: CLOSED_OR_WRONG_STATE,
  },
  {
    path: 'extend',
    command: 'extend',
    staffAgency: 'any-step',
    summary: 'Once, no later than one working day before due: new due date and an apology to the citizen',
    conflicts: ['EXTENSION_ALREADY_USED', 'EXTENSION_TOO_LATE', ...CLOSED_OR_WRONG_STATE],
  },
  {
    path: 'approve',
    command: 'approve',
    staffAgency: 'final-step',
    summary: 'The decision of the last step’s leader: result ready (status 9)',
    conflicts: ['STEP_NOT_CURRENT', ...CLOSED_OR_WRONG_STATE],
  },
  {
    path: 'return-result',
    command: 'returnResult',
    summary: 'The result was handed over (status 10)',
    conflicts: CLOSED_OR_WRONG_STATE,
  },
  {
    path: 'withdraw',
    command: 'withdraw',
    summary: 'The citizen withdraws the dossier before a decision',
    conflicts: CLOSED_OR_WRONG_STATE,
  },
];

const CorrectionStartedSchema = z
  .object({ correction: z.string().openapi({ example: 'correction:000.00.01.H01-251201-0001:1' }) })
  .openapi('CorrectionStarted');

const SUPPLEMENT = ACTIONS.find((a) => a.command === 'supplement')!;

const TIMEOUT_NOTE =
  ' A 503 after the deadline may leave the outcome unknown: retry with the same Idempotency-Key to get it.';

export function actionRoutes(table: RouteTable, s: Services): void {
  for (const spec of ACTIONS) {
    table.add({
      method: 'post',
      path: `/dossiers/:code/${spec.path}`,
      tag: 'Actions',
      summary: spec.summary,
      description: `Roles: ${rolesOf(spec.command).join(', ')}. Runs the workflow Update \`${spec.command}\`.${TIMEOUT_NOTE}`,
      access: 'user',
      params: DossierCodeParams,
      body: ActionBodies[spec.command],
      idempotent: true,
      errors: [403, 404],
      conflicts: spec.conflicts,
      success: { status: 200, description: 'The dossier after the action', schema: DossierSchema },
      async handle({ params, body, user, idempotencyKey }) {
        const row = await findDossier(s, params.code);
        await audited(s, row, user, spec.command, async () => {
          const refusal = refusalUpFront(spec, user, row, body);
          if (refusal) throw forbidden(refusal);
        });
        if (spec.command === 'assignStep')
          await expectColleague(s, user, (body as { assignee: string }).assignee);
        const state = await act(s, row, spec, user, body, idempotencyKey);
        return { status: 200, body: viewOfState(state, row.procedureName, s.baseUrl) };
      },
    });
  }

  table.add({
    method: 'post',
    path: '/dossiers/:code/request-correction',
    tag: 'Actions',
    summary:
      'The citizen reports an error in a returned result: its issuing agency corrects it within 3 working days',
    description:
      'Roles: receiver (the receiving desk). Starts the correction workflow `correction:<code>:<n>` (rules F9); ' +
      '409 INVALID_TRANSITION unless the dossier was returned with an approved result or while a correction runs.',
    access: 'user',
    params: DossierCodeParams,
    body: ActionBodies.requestCorrection,
    errors: [403, 404],
    conflicts: ['INVALID_TRANSITION'],
    success: { status: 202, description: 'The correction was started', schema: CorrectionStartedSchema },
    async handle({ params, body, user }) {
      const row = await findDossier(s, params.code);
      const correction = await audited(s, row, user, 'requestCorrection', async () => {
        try {
          // The returned dossier's workflow has ended; its final state still answers the query.
          const state = await s.workflows.state(row.code);
          const request = { actor: user, reason: body.reason, now: new Date() };
          const prepare = (seq: number) =>
            prepareCorrection(state, s.procedure(row.procedureCode), { ...request, seq }, s.calendar);
          // The rules refuse the role, the desk or the dossier's state before anything starts.
          prepare(1);
          const started = await s.workflows.requestCorrection(row.code, prepare);
          if (!started) throw conflict('INVALID_TRANSITION', `Hồ sơ ${row.code} đang được đính chính`);
          return started;
        } catch (err) {
          throw toApiError(err);
        }
      });
      return { status: 202, body: { correction } };
    },
  });

  table.add({
    method: 'post',
    path: '/dossiers/:code/complete-correction',
    tag: 'Actions',
    summary: 'The issuing agency records the corrected result: the citizen is told it is back at the desk',
    description:
      'Roles: leader, specialist of the agency that issued the result. Runs the Update `completeCorrection` ' +
      'of the dossier’s running correction (rules F9); 409 INVALID_TRANSITION when none runs (never ' +
      'requested, or already completed).' +
      TIMEOUT_NOTE,
    access: 'user',
    params: DossierCodeParams,
    body: CompleteCorrectionPayload,
    idempotent: true,
    errors: [403, 404],
    conflicts: ['INVALID_TRANSITION'],
    success: { status: 200, description: 'The correction, completed', schema: CorrectionSchema },
    async handle({ params, body, user, idempotencyKey }) {
      const row = await findDossier(s, params.code);
      const corrected = await audited(s, row, user, 'completeCorrection', async () => {
        try {
          const updateId = updateIdOf(user, row, 'complete-correction', idempotencyKey);
          const state = await s.workflows.completeCorrection(
            row.code,
            { actor: user, payload: body },
            updateId,
          );
          if (!state)
            throw conflict('INVALID_TRANSITION', `Hồ sơ ${row.code} không có yêu cầu đính chính đang chờ`);
          await readModelCaughtUp(
            () => correctionProjectionVersion(s.db, state.dossierCode, state.seq),
            state.version,
          );
          return state;
        } catch (err) {
          throw toApiError(err);
        }
      });
      return { status: 200, body: correctionOfState(corrected) };
    },
  });

  table.add({
    method: 'post',
    path: '/public/dossiers/:code/supplement',
    tag: 'Public',
    summary: 'The applicant sends the supplement of an online dossier',
    description:
      'For online dossiers only (paper supplements go through the desk). Acts as the system user `citizen` in ' +
      'the receiving desk’s role, which is who the workflow lets record a supplement.' +
      ACCESS_CODE_NOTE +
      TIMEOUT_NOTE +
      ' ' +
      FILES_NOTE,
    access: 'public',
    params: DossierCodeParams,
    body: ActionBodies.supplement,
    idempotent: true,
    errors: [403],
    conflicts: SUPPLEMENT.conflicts,
    files: FILES_BY_DOCUMENT,
    success: {
      status: 200,
      description: 'The tracking view after the supplement',
      schema: PublicDossierSchema,
    },
    async handle({ params, body, files, idempotencyKey, req }) {
      const view = await supplementOnline(
        s,
        params.code,
        req.get(ACCESS_CODE_HEADER),
        body,
        files,
        idempotencyKey,
      );
      return { status: 200, body: view };
    },
  });
}

/** A step is assigned to an active specialist or leader of the assigning user's agency (the step's). */
async function expectColleague(s: Services, user: User, assignee: string) {
  const account = await findCredentials(s.db, assignee);
  const colleague =
    account !== null &&
    account.disabledAt === null &&
    account.agencyCode === user.agencyCode &&
    (account.role === 'specialist' || account.role === 'leader');
  if (!colleague) {
    throw validationFailed([
      { path: 'body.assignee', message: `không phải chuyên viên đang làm việc của ${user.agencyCode}` },
    ]);
  }
}

/**
 * The applicant's supplement of an online dossier, from the JSON endpoint and from the supplement page
 * alike, admitted by the access code. Files (field `documents[i]` for the i-th document sent) are stored
 * before the Update and recorded after it, at the places the supplement's documents took in the dossier.
 */
export async function supplementOnline(
  s: Services,
  code: string,
  accessCode: string | undefined,
  body: CommandPayloads['supplement'],
  files: UploadedFile[],
  idempotencyKey: string | undefined,
): Promise<z.infer<typeof PublicDossierSchema>> {
  const row = await s.accessCodes.admit(s.db, code, accessCode);
  const citizen: Actor = { username: 'citizen', role: 'receiver', agencyCode: row.receivingAgencyCode };
  if (row.channel !== 'online') {
    await audited(s, row, citizen, SUPPLEMENT.command, async () => {
      throw forbidden('Hồ sơ nộp trực tiếp hoặc qua bưu chính: nộp bổ sung tại Bộ phận Một cửa');
    });
  }
  const attachments = attachmentsOf(files, body.documents.length);
  await expectWithinDossierLimit(s, row.code, attachments);
  const stored = await storeAttachments(s, attachments);
  const state = await act(s, row, SUPPLEMENT, citizen, body, idempotencyKey);
  const first = state.documents.length - body.documents.length;
  await recordAttachments(
    s,
    row.code,
    stored.map((a) => ({ ...a, position: first + a.position })),
    'citizen',
  );
  // act() returned once the read model showed the supplement (or its wait ran out).
  const after = await findDossier(s, code);
  return publicDossier(after, s.baseUrl, await currentDossierFiles(s.db, code));
}

/**
 * Runs the Update, then gives the read model a moment to show it; a refusal by the workflow is audited and
 * answered with its contract code.
 */
async function act(
  s: Services,
  row: DossierRow,
  spec: ActionSpec,
  actor: Actor,
  payload: CommandPayloads[ActionCommand],
  idempotencyKey: string | undefined,
) {
  const updateId = updateIdOf(actor, row, spec.path, idempotencyKey);
  const state = await audited(s, row, actor, spec.command, () =>
    s.workflows.act(row.code, spec.command, { actor, payload }, updateId).catch((err: unknown) => {
      // The row exists, so a missing workflow is one that has ended: the dossier is closed for good.
      if (err instanceof WorkflowNotFoundError)
        throw conflict('DOSSIER_CLOSED', `Hồ sơ ${row.code} đã kết thúc`);
      throw toApiError(err);
    }),
  );
  await readModelCaughtUp(() => dossierProjectionVersion(s.db, row.code), state.version);
  return state;
}

/** A retried request with the same key is the same Update, which Temporal runs once. */
function updateIdOf(actor: Actor, row: DossierRow, path: string, idempotencyKey: string | undefined) {
  return idempotencyKey
    ? createHash('sha256').update([actor.username, row.code, path, idempotencyKey].join('\0')).digest('hex')
    : randomUUID();
}

/** Why the role or agency may not take this action, if the read model alone can tell. */
function refusalUpFront(spec: ActionSpec, user: User, row: DossierRow, body: unknown): string | undefined {
  if (!rolesOf(spec.command).includes(user.role)) {
    return `Vai trò ${user.role} không được thực hiện thao tác này (${rolesOf(spec.command).join(', ')})`;
  }
  if (user.role === 'receiver') {
    return user.agencyCode === row.receivingAgencyCode
      ? undefined
      : `Hồ sơ do ${row.receivingAgencyCode} tiếp nhận`;
  }
  const steps = stepsOf(row);
  // Not projected yet, or a step this dossier lacks: the workflow answers.
  const stepId = (body as { stepId?: string }).stepId;
  const owners =
    spec.staffAgency === 'final-step'
      ? steps.slice(-1)
      : spec.staffAgency === 'named-step'
        ? steps.filter((step) => step.id === stepId)
        : steps;
  if (owners.length === 0 || owners.some((step) => step.agency === user.agencyCode)) return undefined;
  return `Đơn vị ${user.agencyCode} không có bước xử lý này trong hồ sơ ${row.code}`;
}
