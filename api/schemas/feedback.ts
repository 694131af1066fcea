/** The feedback (phản ánh, kiến nghị) part of the contract: request bodies, queries and answers. */
import { z } from 'zod';
import { FeedbackPayloadSchemas } from '../../domain/feedback/commands';
import { FEEDBACK_CODE_PATTERN } from '../../domain/feedback/code';
import {
  FeedbackCategorySchema,
  FeedbackChannelSchema,
  FeedbackStatusSchema,
  StaffFeedbackChannelSchema,
} from '../../domain/feedback/vocabulary';
import { optionalText, text } from '../../domain/text';
import { DOSSIER_CODE_PATTERN } from '../../domain/dossier-code';
import { NullableTime, PageQuery, Time, pageOf } from './common';
import { Phone } from './requests';

export const FeedbackCodeParams = z.object({
  code: z
    .string()
    .regex(FEEDBACK_CODE_PATTERN, { error: 'not a feedback code (PAKN-yyMMdd-sequence)' })
    .openapi({ param: { description: 'Mã số phản ánh, kiến nghị' }, example: 'PAKN-261123-0001' }),
});

const Contact = z
  .strictObject({
    fullName: text(200),
    phone: Phone.optional(),
    email: z.email().max(200).optional(),
  })
  .openapi('FeedbackContact');

const feedbackFields = {
  category: FeedbackCategorySchema,
  subject: text(300),
  content: text(10000, { multiline: true }),
  dossierCode: z.string().regex(DOSSIER_CODE_PATTERN, { error: 'not a dossier code' }).optional(),
  contact: Contact,
  consentToPublish: z.boolean().default(false),
};

export const PublicFeedbackBody = z.strictObject(feedbackFields).openapi('FeedbackRequest');

// The fields spread, not `extend`ed: allOf two closed objects would admit no body in the OpenAPI document.
export const StaffFeedbackBody = z
  .strictObject({ ...feedbackFields, channel: StaffFeedbackChannelSchema })
  .openapi('StaffFeedbackRequest');

export const FeedbackCreatedSchema = z
  .object({
    code: z.string(),
    accessCode: z.string().openapi({ description: 'Answered once; the citizen follows the case with it' }),
    status: FeedbackStatusSchema,
    dueAt: Time,
    links: z.object({ self: z.string(), page: z.string() }),
  })
  .openapi('FeedbackCreated');

export const FeedbackWorklistQuery = PageQuery.extend({
  status: FeedbackStatusSchema.optional(),
  category: FeedbackCategorySchema.optional(),
  agency: z
    .string()
    .regex(/^[a-z0-9-]{1,50}$/)
    .optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const FeedbackActionBodies = {
  reject: FeedbackPayloadSchemas.reject,
  requestSupplement: FeedbackPayloadSchemas.requestSupplement,
  assign: FeedbackPayloadSchemas.assign,
  answer: FeedbackPayloadSchemas.answer,
  publish: FeedbackPayloadSchemas.publish,
};

export const FeedbackSupplementBody = z
  .strictObject({ content: text(10000, { multiline: true }) })
  .openapi('FeedbackSupplementRequest');
export const FeedbackRatingBody = z
  .strictObject({ satisfied: z.boolean(), comment: optionalText(2000, { multiline: true }) })
  .openapi('FeedbackRatingRequest');

/** What the citizen sees with the access code: status, dates, the request for more, the answer. */
export const PublicFeedbackSchema = z
  .object({
    code: z.string(),
    category: FeedbackCategorySchema,
    status: FeedbackStatusSchema,
    subject: z.string(),
    receivedAt: Time,
    dueAt: Time,
    supplementRequest: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    answer: z.string().nullable(),
    answeredAt: NullableTime,
    publishedAt: NullableTime,
    rating: z.object({ satisfied: z.boolean(), comment: z.string().nullable(), ratedAt: Time }).nullable(),
  })
  .openapi('PublicFeedback');

const FeedbackEventSchema = z.object({
  action: z.string(),
  actor: z.string(),
  actorRole: z.string(),
  from: FeedbackStatusSchema,
  to: FeedbackStatusSchema,
  at: Time,
  detail: z.unknown(),
});

export const FeedbackSchema = PublicFeedbackSchema.extend({
  channel: FeedbackChannelSchema,
  content: z.string(),
  supplementContent: z.string().nullable(),
  contact: z.object({ fullName: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  consentToPublish: z.boolean(),
  dossierCode: z.string().nullable(),
  raisedFrom: z.string().nullable(),
  deskAgency: z.string(),
  assignedAgency: z.string().nullable(),
  publishBy: NullableTime,
  overdue: z.boolean(),
  onTime: z.boolean().nullable(),
  closedAt: NullableTime,
  history: z.array(FeedbackEventSchema),
}).openapi('Feedback');

export const FeedbackItemSchema = FeedbackSchema.omit({
  history: true,
  content: true,
  supplementContent: true,
});
export const FeedbackPageSchema = pageOf('FeedbackPage', FeedbackItemSchema);

/** A published answer: no name, no contact, no dossier code. */
export const PublishedFeedbackSchema = z
  .object({
    code: z.string(),
    category: FeedbackCategorySchema,
    subject: z.string(),
    answer: z.string().nullable(),
    receivedAt: Time,
    publishedAt: NullableTime,
  })
  .openapi('PublishedFeedback');
export const PublishedFeedbackPageSchema = pageOf('PublishedFeedbackPage', PublishedFeedbackSchema);
