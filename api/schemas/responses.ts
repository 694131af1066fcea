/** The response schemas of the REST contract, from which the OpenAPI document is generated. */
import { z } from 'zod';
import { AgencySchema as DirectoryAgencySchema } from '../../domain/agencies';
import { DeliveryChannelSchema } from '../../domain/notifications';
import { ProcedureSchema } from '../../domain/procedure';
import { DOCUMENT_MEDIA_TYPES } from '../../platform/documents/content';
import {
  StaffRoleSchema,
  SubmissionChannelSchema,
  TimelinessSchema,
  UserRoleSchema,
} from '../../domain/vocabulary';
import { Time, NullableTime, StatusSchema, pageOf, DocumentSchema, Links, orNull } from './common';

export const UserSchema = z
  .object({ username: z.string(), role: UserRoleSchema, agencyCode: z.string() })
  .openapi('User');
export const LoginResponse = z
  .object({ token: z.string(), expiresAt: Time, user: UserSchema })
  .openapi('LoginResponse');
export const StaffAccountSchema = z
  .object({
    username: z.string(),
    fullName: z.string(),
    role: UserRoleSchema,
    agencyCode: z.string(),
    disabled: z.boolean(),
  })
  .openapi('StaffAccount');
export const StaffAccountList = pageOf('StaffAccountList', StaffAccountSchema);

export const AgencySchema = DirectoryAgencySchema.pick({
  code: true,
  identifier: true,
  name: true,
  kind: true,
  level: true,
}).openapi('Agency');

/** A procedure of the catalogue (GET /procedures/:code): the domain's shape and the deadline as printed. */
export const CatalogueEntrySchema = ProcedureSchema.extend({
  deadlineText: z
    .string()
    .openapi({ description: 'The deadline as printed on the receipt', example: '15 ngày làm việc' }),
}).meta({ id: 'Procedure' });

export const StepSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    agency: z.string(),
    role: StaffRoleSchema,
    state: z.enum(['waiting', 'active', 'done']),
    assignee: z.string().nullable(),
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

const DueAtProvisional = z.boolean().openapi({
  description:
    'The due date rests on calendar days no holiday notice has fixed yet (a provisional Tết): it may move',
});

const ReturnAppointment = z
  .object({ from: Time, to: Time })
  .nullable()
  .openapi({
    description:
      'The desk session the citizen is asked to come in for the result (the last one of the due day); ' +
      'timeliness is still judged against dueAt. Null for limits in hours and results given the same day',
  });

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
    returnAppointment: ReturnAppointment,
    dueAtProvisional: DueAtProvisional,
    provisionalDates: z.array(z.string()).openapi({
      description: 'The provisional calendar days (YYYY-MM-DD) between the receipt and the due date',
    }),
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

export const DossierFileSchema = z
  .object({
    /** The component's place in the dossier's document list, from 0. */
    position: z.number().int(),
    sha256: z.string().openapi({ description: 'SHA-256 of the bytes, hex: the file’s address in the store' }),
    size: z.number().int(),
    mediaType: z.enum(DOCUMENT_MEDIA_TYPES),
    fileName: z.string().nullable(),
    attachedBy: z.string().openapi({ description: '`citizen` for an online submission or supplement' }),
    attachedAt: Time,
    links: Links,
  })
  .openapi('DossierFile');

/**
 * A component of the dossier and whether it is digitised (has a file). Its fields are spread rather than
 * `extend`ed: the OpenAPI document would otherwise say allOf a closed SubmittedDocument, which no answer fits.
 */
export const DossierDocumentSchema = z
  .strictObject({ ...DocumentSchema.shape, digitised: z.boolean(), file: orNull(DossierFileSchema) })
  .openapi('DossierDocument');

export const PortalSyncSchema = z
  .object({
    state: z.enum(['synced', 'behind', 'failing']),
    /** The last change the national portal accepted. */
    syncedSeq: z.number().int(),
    /** The last change the sync received from the dossier. */
    receivedSeq: z.number().int(),
    lastError: z.string().nullable(),
  })
  .openapi('PortalSync');

// Spread, not `extend`ed: its documents replace the plain ones, which allOf the Dossier component would keep.
/** A correction of the returned result (rules F9), its own short case beside the ended dossier. */
export const CorrectionSchema = z
  .object({
    seq: z.number().int().openapi({ description: 'The dossier’s n-th correction, from 1' }),
    requestedAt: Time,
    requestedBy: z.string(),
    reason: z.string(),
    resultAgency: z.string().openapi({ description: 'The agency that issued the result and corrects it' }),
    dueAt: Time.openapi({ description: '3 working days after the request' }),
    status: z.enum(['correcting', 'corrected']),
    overdue: z.boolean(),
    completedAt: NullableTime,
    completedBy: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi('Correction');

export const DossierDetailSchema = z
  .object({
    ...DossierSchema.shape,
    applicant: z.object({
      fullName: z.string(),
      idNumber: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      address: z.string().nullable(),
    }),
    /** The delivery to the national portal; null when the dossier is not synced or its state is unknown. */
    portalSync: orNull(PortalSyncSchema),
    /** True when Temporal did not tell the sync state in time. */
    portalSyncUnknown: z.boolean(),
    /** The national payment platform's page for the unpaid fees, while the dossier waits for them. */
    paymentUrl: z.string().nullable(),
    documents: z.array(DossierDocumentSchema),
    corrections: z.array(CorrectionSchema),
    /** Feedback cases (phản ánh, kiến nghị) that name the dossier. */
    feedback: z.array(
      z.object({ code: z.string(), category: z.string(), status: z.string(), receivedAt: Time, dueAt: Time }),
    ),
  })
  .openapi('DossierDetail');

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
    dueAtProvisional: DueAtProvisional,
    overdue: z.boolean(),
    links: Links,
  })
  .openapi('WorklistItem');

const AccessCode = z.string().openapi({
  description: 'The citizen’s access code (header X-Access-Code), answered this once and never again',
  example: 'K7PX3MQA',
});

export const CreatedDossierSchema = z
  .object({
    code: z.string(),
    accessCode: AccessCode,
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
    accessCode: AccessCode,
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
    from: orNull(StatusSchema),
    to: orNull(StatusSchema),
    outcome: z.enum(['applied', 'rejected', 'denied']),
    reason: z.string().nullable(),
    detail: z.unknown().nullable(),
  })
  .openapi('DossierEvent');

/** A message's delivery state as the contract shows it; the outbox's own states map onto these. */
export const NotificationStatusSchema = z.enum(['queued', 'sent', 'failed']);
export type NotificationStatus = z.infer<typeof NotificationStatusSchema>;

export const NotificationSchema = z
  .object({
    at: Time,
    occasion: z.string(),
    template: z.string(),
    audience: z.string(),
    channel: DeliveryChannelSchema,
    recipient: z.string().openapi({ description: 'Masked', example: 'ng***@gmail.com' }),
    subject: z.string().nullable(),
    status: NotificationStatusSchema,
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
    returnAppointment: ReturnAppointment,
    overdue: z.boolean(),
    finishedAt: NullableTime,
    returnedAt: NullableTime,
    /** Where the citizen pays the fees online, while the dossier waits for them. */
    paymentUrl: z.string().nullable(),
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
    /** The components handed in, and which of them are digitised: names only, no files. */
    documents: z.array(z.strictObject({ ...DocumentSchema.shape, digitised: z.boolean() })),
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
