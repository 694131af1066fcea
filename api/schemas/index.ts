/**
 * The zod schemas of the REST contract (api-v1.md). Requests are parsed with them and the OpenAPI document
 * is generated from them, so the two cannot drift apart.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { vietnamDayStart } from '../domain/calendar/time';
import { DOSSIER_CODE_PATTERN } from '../domain/dossier-code';
import { CommandPayloadSchemas, type CommandName, type CommandPayloads } from '../domain/dossier/commands';
import { SubmittedDocumentSchema, SubmittedDocumentsSchema } from '../domain/dossier/types';
import { ProcedureSchema } from '../domain/procedure';
import { DOSSIER_STATUSES, statusByCode, type StatusKey } from '../domain/status';
import {
  StaffRoleSchema,
  SubmissionChannelSchema,
  TimelinessSchema,
  UserRoleSchema,
} from '../domain/vocabulary';

extendZodWithOpenApi(z);

const STATUS_KEYS = Object.keys(DOSSIER_STATUSES) as [StatusKey, ...StatusKey[]];

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

/** Every time the API answers is Vietnam time with its offset, e.g. 2026-11-23T17:00:00.000+07:00. */
const Time = z.string().openapi({ format: 'date-time', example: '2026-11-23T17:00:00.000+07:00' });
const NullableTime = Time.nullable();

/** An instant in a request: ISO 8601 with an offset or Z, so that no clock zone is guessed. */
const Instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

// ---------------------------------------------------------------------------------------------------
// Shared pieces

export const StatusSchema = z
  .object({ code: z.number().int().min(1).max(10), key: z.enum(STATUS_KEYS), label: z.string() })
  .openapi('Status', { example: { code: 4, key: 'processing', label: 'Đang xử lý' } });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'SUPPLEMENT_ALREADY_REQUESTED' }),
      message: z.string(),
      details: z.array(z.unknown()).openapi({
        description: 'For VALIDATION_FAILED: `[{path, message}]`, path like `body.applicant.fullName`',
      }),
    }),
  })
  .openapi('Error');

function pageOf<T extends z.ZodType>(name: string, item: T) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    })
    .openapi(name);
}

export const DossierCodeParams = z.object({
  code: z
    .string()
    .regex(DOSSIER_CODE_PATTERN, { error: 'not a dossier code (agency identifier-yyMMdd-sequence)' })
    .openapi({ param: { description: 'Mã số hồ sơ' }, example: '000.00.01.H56-261122-0001' }),
});

export const ProcedureCodeParams = z.object({
  code: z
    .string()
    .regex(/^\d\.\d{6}$/, { error: 'not a procedure code (d.dddddd)' })
    .openapi({ param: { description: 'National procedure code' }, example: '1.001193' }),
});

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, { error: 'Idempotency-Key must be 1 to 255 visible ASCII characters' })
    .optional()
    .openapi({
      description:
        'Repeat a request safely: the same key with the same body answers the first answer again and changes ' +
        'nothing more; the same key with another body answers 409 IDEMPOTENCY_KEY_REUSED; while the first ' +
        'request runs, 409 IDEMPOTENCY_KEY_IN_PROGRESS. Keys are kept per user (or per public client) and path.',
    }),
});

// ---------------------------------------------------------------------------------------------------
// Requests

export const LoginBody = z
  .strictObject({ username: text(100), password: z.string().min(1).max(200) })
  .openapi('LoginRequest');

// zod's own .meta: the domain's schemas were built before extendZodWithOpenApi gave them .openapi().
const DocumentSchema = SubmittedDocumentSchema.meta({ id: 'SubmittedDocument' });
const Documents = SubmittedDocumentsSchema;

const ApplicantSchema = z
  .strictObject({
    fullName: text(200),
    idNumber: z
      .string()
      .trim()
      .regex(/^[0-9A-Z]{6,20}$/, { error: 'idNumber: 6 to 20 digits or capital letters (CCCD, passport)' }),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9]{8,15}$/, { error: 'phone: 8 to 15 digits, optionally after +' })
      .optional(),
    email: z.email().max(200).optional(),
    address: optionalText(500),
  })
  .openapi('Applicant');

export const CreateDossierBody = z
  .strictObject({
    procedureCode: z.string(),
    channel: SubmissionChannelSchema,
    applicant: ApplicantSchema,
    documents: Documents,
    receivedAt: Instant.optional().openapi({
      description:
        'When the dossier was received (postal receipts entered later); not in the future. Default: now.',
    }),
  })
  .openapi('CreateDossierRequest');

export const SubmissionBody = z
  .strictObject({
    procedureCode: z.string(),
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
    comment: optionalText(2000),
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
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: 'Code prefix, or part of the applicant name' }),
});

// ---------------------------------------------------------------------------------------------------
// Responses

export const UserSchema = z
  .object({ username: z.string(), role: UserRoleSchema, agencyCode: z.string() })
  .openapi('User');
export const LoginResponse = z
  .object({ token: z.string(), expiresAt: Time, user: UserSchema })
  .openapi('LoginResponse');

export const AgencySchema = z
  .object({
    code: z.string(),
    identifier: z.string(),
    name: z.string(),
    kind: z.enum(['one_stop', 'competent', 'both']),
    level: z.enum(['province', 'commune']),
  })
  .openapi('Agency');

/** A procedure of the catalogue (GET /procedures/:code): the domain's shape and the deadline as printed. */
export const CatalogueEntrySchema = ProcedureSchema.extend({
  deadlineText: z
    .string()
    .openapi({ description: 'The deadline as printed on the receipt', example: '15 ngày làm việc' }),
}).meta({ id: 'Procedure' });

const Links = z.record(z.string(), z.string()).openapi('Links', {
  example: { self: 'https://motcua.example/api/v1/dossiers/000.00.01.H56-261122-0001' },
});

export const StepSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    agency: z.string(),
    role: StaffRoleSchema,
    state: z.enum(['waiting', 'active', 'done']),
    startedAt: NullableTime,
    dueAt: NullableTime,
    completedAt: NullableTime,
    completedBy: z.string().nullable(),
    result: TimelinessSchema.nullable(),
    note: z.string().nullable(),
  })
  .openapi('Step');

export const HandoffSchema = z
  .object({
    seq: z.number().int(),
    stepId: z.string().nullable(),
    fromAgency: z.string().nullable(),
    toAgency: z.string(),
    givenAt: Time,
    givenBy: z.string().nullable(),
    dueAt: NullableTime,
    completedAt: NullableTime,
    result: TimelinessSchema.nullable(),
    note: z.string().nullable(),
  })
  .openapi('Handoff');

/** What every dossier answer carries, from the workflow's state or from the read model. */
export const DossierSchema = z
  .object({
    code: z.string(),
    procedure: z.object({ code: z.string(), name: z.string() }),
    channel: SubmissionChannelSchema,
    status: StatusSchema,
    substate: z.string().nullable(),
    receivingAgency: z.string(),
    currentAgencies: z.array(z.string()),
    submittedAt: Time,
    acceptBy: NullableTime,
    receivedAt: NullableTime,
    dueAt: NullableTime,
    originalDueAt: NullableTime.openapi({ description: 'The due date before the one extension' }),
    extensionCount: z.number().int(),
    supplementCount: z.number().int(),
    overdue: z.boolean(),
    finishedAt: NullableTime,
    returnedAt: NullableTime,
    steps: z.array(StepSchema),
    handoffs: z.array(HandoffSchema),
    documents: z.array(DocumentSchema),
    links: Links,
  })
  .openapi('Dossier');

export const DossierDetailSchema = DossierSchema.extend({
  applicant: z.object({
    fullName: z.string(),
    idNumber: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
  }),
}).openapi('DossierDetail');

export const WorklistItemSchema = z
  .object({
    code: z.string(),
    procedure: z.object({ code: z.string(), name: z.string() }),
    channel: SubmissionChannelSchema,
    status: StatusSchema,
    applicantName: z.string(),
    receivingAgency: z.string(),
    currentAgency: z.string().nullable(),
    submittedAt: Time,
    receivedAt: NullableTime,
    dueAt: NullableTime,
    overdue: z.boolean(),
    links: Links,
  })
  .openapi('WorklistItem');

export const CreatedDossierSchema = z
  .object({
    code: z.string(),
    status: StatusSchema,
    receivedAt: Time,
    dueAt: NullableTime.openapi({
      description: 'Null only when the workflow could not be asked in time; GET the dossier',
    }),
    links: Links,
  })
  .openapi('CreatedDossier');

export const SubmissionSchema = z
  .object({
    code: z.string(),
    status: StatusSchema,
    submittedAt: Time,
    acceptBy: NullableTime.openapi({
      description: 'Accepted or returned for completion by then (8 working hours)',
    }),
    links: Links,
  })
  .openapi('Submission');

export const EventSchema = z
  .object({
    at: Time,
    action: z.string(),
    actor: z.string(),
    actorRole: z.string().nullable(),
    agencyCode: z.string().nullable(),
    from: StatusSchema.nullable(),
    to: StatusSchema.nullable(),
    outcome: z.enum(['applied', 'rejected', 'denied']),
    reason: z.string().nullable(),
    detail: z.unknown().nullable(),
  })
  .openapi('DossierEvent');

export const NotificationSchema = z
  .object({
    at: Time,
    occasion: z.string(),
    template: z.string(),
    audience: z.string(),
    channel: z.enum(['email', 'sms', 'zalo']),
    recipient: z.string().openapi({ description: 'Masked', example: 'ng***@gmail.com' }),
    subject: z.string().nullable(),
    status: z.enum(['queued', 'sent', 'failed']),
    attempts: z.number().int(),
    sentAt: NullableTime,
  })
  .openapi('Notification');

export const PublicDossierSchema = z
  .object({
    code: z.string(),
    procedure: z.object({ code: z.string(), name: z.string() }),
    applicantName: z.string().openapi({ description: 'Masked', example: 'Nguyễn V*** A' }),
    status: StatusSchema,
    submittedAt: Time,
    receivedAt: NullableTime,
    dueAt: NullableTime,
    originalDueAt: NullableTime,
    overdue: z.boolean(),
    finishedAt: NullableTime,
    returnedAt: NullableTime,
    steps: z.array(
      z.object({
        name: z.string(),
        agency: z.string(),
        state: z.enum(['waiting', 'active', 'done']),
        dueAt: NullableTime,
        completedAt: NullableTime,
        result: TimelinessSchema.nullable(),
      }),
    ),
    links: Links,
  })
  .openapi('PublicDossier');

export const RatingSchema = z
  .object({
    code: z.string(),
    ratedAt: Time,
    scores: z.record(z.string(), z.number()),
    comment: z.string().nullable(),
  })
  .openapi('Rating');

export const HealthSchema = z
  .object({ status: z.literal('ok'), temporal: z.literal('up'), database: z.literal('up') })
  .openapi('Health');

export type DossierView = z.infer<typeof DossierSchema>;
export type DossierDetail = z.infer<typeof DossierDetailSchema>;
export type StepView = z.infer<typeof StepSchema>;
export type HandoffView = z.infer<typeof HandoffSchema>;

export const WorklistPage = pageOf('WorklistPage', WorklistItemSchema);
export const EventPage = pageOf('DossierEventPage', EventSchema);
export const NotificationPage = pageOf('NotificationPage', NotificationSchema);
export const AgencyPage = pageOf('AgencyPage', AgencySchema);
export const ProcedurePage = pageOf('ProcedurePage', CatalogueEntrySchema);
