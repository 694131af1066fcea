/** The request schemas of the REST contract: bodies, queries and the clerk actions. */
import { z } from 'zod';
import { vietnamDayStart } from '../../domain/calendar/time';
import { CommandPayloadSchemas, type CommandName, type CommandPayloads } from '../../domain/dossier/commands';
import { statusByCode, type StatusKey } from '../../domain/status';
import { SubmissionChannelSchema, UserRoleSchema } from '../../domain/vocabulary';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../platform/auth/passwords';
import { optionalText, printable, text } from '../../domain/text';
import { STATUS_KEYS, Instant, PageQuery, Documents } from './common';

export const LoginBody = z
  .strictObject({ username: text(100), password: printable().min(1).max(PASSWORD_MAX_LENGTH) })
  .openapi('LoginRequest');

const NewPassword = printable()
  .min(PASSWORD_MIN_LENGTH, { error: `at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH);
const Username = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, {
  error: '2 to 64 lower-case letters, digits, dots, dashes or underscores',
});

export const UsernameParams = z.object({ username: Username });
export const NewUserBody = z
  .strictObject({
    username: Username,
    fullName: text(200),
    role: UserRoleSchema,
    agencyCode: text(50),
    password: NewPassword,
  })
  .openapi('NewUserRequest');
export const ResetPasswordBody = z.strictObject({ password: NewPassword }).openapi('ResetPasswordRequest');
export const ChangePasswordBody = z
  .strictObject({ currentPassword: printable().min(1).max(PASSWORD_MAX_LENGTH), newPassword: NewPassword })
  .openapi('ChangePasswordRequest');

export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{8,15}$/, { error: 'phone: 8 to 15 digits, optionally after +' });

/** A citizen's identity card (CCCD) or passport number. */
export const IdNumber = z
  .string()
  .trim()
  .regex(/^[0-9A-Z]{6,20}$/, { error: 'idNumber: 6 to 20 digits or capital letters (CCCD, passport)' });

const ApplicantSchema = z
  .strictObject({
    fullName: text(200),
    idNumber: IdNumber,
    phone: Phone.optional(),
    email: z.email().max(200).optional(),
    address: optionalText(500, { multiline: true }),
  })
  .openapi('Applicant');

export const CreateDossierBody = z
  .strictObject({
    procedureCode: text(20),
    channel: SubmissionChannelSchema,
    applicant: ApplicantSchema,
    documents: Documents,
    receivedAt: Instant.optional().openapi({
      description:
        'When the dossier was received (postal receipts entered later); not in the future. Default: now.',
    }),
    receiptRequested: z
      .boolean()
      .optional()
      .openapi({
        description:
          'The citizen asks for a receipt. A procedure settled while the citizen waits needs none otherwise ' +
          '(Decree 118/2025 Art. 17(4)): its receipt form is then not issued, the dossier is logged all the same.',
      }),
    notReceived: z
      .discriminatedUnion('decision', [
        CommandPayloadSchemas.requestCompletion.extend({ decision: z.literal('guidance') }),
        CommandPayloadSchemas.refuse.extend({ decision: z.literal('refusal') }),
      ])
      .optional()
      .openapi({
        description:
          'Not received: returned with guidance to complete it (form 02) or refused with reasons (form 03). ' +
          'The dossier is kept under a code with its form; no time limit runs.',
      }),
  })
  .openapi('CreateDossierRequest');

export const SubmissionBody = z
  .strictObject({
    procedureCode: text(20),
    applicant: ApplicantSchema.refine((a) => a.phone !== undefined || a.email !== undefined, {
      error: 'an online applicant gives a phone number or an e-mail address to be told of the outcome',
    }),
    documents: Documents,
  })
  .openapi('SubmissionRequest');

/** The bodies of the clerk actions, by the name of their workflow Update: the domain's payloads. */
export const ActionBodies = {
  ...CommandPayloadSchemas,
  extend: CommandPayloadSchemas.extend.extend({
    newDueAt: z
      .union([z.iso.datetime({ offset: true }), z.iso.date()])
      // A bare date is a day in Vietnam; the workflow extends it to the end of that (working) day.
      .transform((s) => (s.length === 10 ? vietnamDayStart(s) : new Date(s)).toISOString())
      .openapi({ description: 'The new appointment: a date (YYYY-MM-DD) or a date-time with offset' }),
  }),
} satisfies { [K in CommandName]: z.ZodType<CommandPayloads[K], unknown> };

const Score = z.number().int().min(1).max(5).optional();
export const RatingBody = z
  .strictObject({
    scores: z.strictObject({
      resultTime: Score,
      agenciesContacted: Score,
      contactsNeeded: Score,
      publishedInfo: Score,
      staffAttitude: Score,
      lawfulness: Score,
      feedbackHandling: Score,
      onlineService: Score,
    }),
    comment: optionalText(2000, { multiline: true }),
  })
  .refine((r) => Object.values(r.scores).some((s) => s !== undefined) || r.comment, {
    error: 'give at least one score or a comment',
  })
  .openapi('RatingRequest');

/** `status` takes keys or codes, comma-separated: `processing,5`. */
const StatusFilter = z
  .string()
  .transform((value, ctx) => {
    const keys: StatusKey[] = [];
    for (const part of value.split(',').map((s) => s.trim())) {
      const key = /^\d+$/.test(part) ? statusByCode(Number(part))?.key : STATUS_KEYS.find((k) => k === part);
      if (key) keys.push(key);
      else ctx.addIssue({ code: 'custom', message: `unknown status "${part}"` });
    }
    return keys;
  })
  .openapi({ description: 'Status keys or codes, comma-separated', example: 'processing,5' });

export const WorklistQuery = PageQuery.extend({
  status: StatusFilter.optional(),
  agency: z
    .string()
    .regex(/^[a-z0-9-]{1,50}$/)
    .optional()
    .openapi({ description: 'Held or received by this agency' }),
  procedure: z
    .string()
    .regex(/^\d\.\d{6}$/)
    .optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  dueBefore: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .transform((s) => (s.length === 10 ? vietnamDayStart(s) : new Date(s)))
    .optional()
    .openapi({ description: 'Due strictly before this instant (a date means its start in Vietnam)' }),
  q: text(100).optional().openapi({ description: 'Code prefix, or part of the applicant name' }),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'Only dossiers with a current step assigned to the user' }),
});
