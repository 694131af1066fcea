import { z } from 'zod';
import { ReturnMethodSchema } from '../vocabulary';
import { optionalText, text } from '../text';
import { SubmittedDocumentsSchema, type Actor } from './types';

const Reason = text(2000, { multiline: true });
const Note = optionalText(2000, { multiline: true });

/**
 * The clerk actions of the REST contract; each reaches the dossier workflow as one Update. The API parses
 * request bodies with these schemas (adding only its OpenAPI wording), so both sides read one shape.
 */
export const CommandPayloadSchemas = {
  accept: z.strictObject({}),
  requestCompletion: z.strictObject({ reason: Reason, missingDocuments: z.array(text(300)).min(1).max(50) }),
  refuse: z.strictObject({ reason: Reason }),
  completeStep: z.strictObject({ stepId: text(100), note: Note }),
  /** A leader gives a step to a named specialist of the agency, or a specialist takes it (docs/rules.md E7). */
  assignStep: z.strictObject({ stepId: text(100), assignee: text(100) }),
  /** The step's agency sends the dossier back to the previous step, saying why. */
  sendBack: z.strictObject({ stepId: text(100), reason: Reason }),
  requestSupplement: z.strictObject({
    reason: Reason,
    documents: z.array(text(300)).min(1).max(50),
    /** A second request, made under the sector law the procedure cites (docs/rules.md C5); never implied. */
    sectorLawException: z.literal(true).optional(),
  }),
  supplement: z.strictObject({ documents: SubmittedDocumentsSchema }),
  /** The competent agency must verify: the procedure's longer limit applies (docs/rules.md P1). */
  requireVerification: z.strictObject({ reason: Reason }),
  requestPayment: z.strictObject({ amountVnd: z.number().int().min(1).max(1e12), reason: Reason }),
  confirmPayment: z.strictObject({ reference: text(200) }),
  /** `newDueAt` is an instant; the rules extend it to the end of that (working) day. */
  extend: z.strictObject({ reason: Reason, newDueAt: z.iso.datetime({ offset: true }) }),
  approve: z.strictObject({ note: Note }),
  returnResult: z.strictObject({ method: ReturnMethodSchema, note: Note }),
  withdraw: z.strictObject({ reason: Note }),
  requestCorrection: z.strictObject({ reason: Reason }),
};

export type CommandName = keyof typeof CommandPayloadSchemas;

export type CommandPayloads = { [K in CommandName]: z.infer<(typeof CommandPayloadSchemas)[K]> };

export type Command = {
  [K in CommandName]: { name: K; actor: Actor; payload: CommandPayloads[K] };
}[CommandName];

export const SYSTEM_ACTOR: Actor = { username: 'system', role: 'system', agencyCode: '' };
