/**
 * The words of a feedback case (phản ánh, kiến nghị) that the state machine, the API and the read model
 * share, each declared once as a zod schema, in the style of `domain/vocabulary.ts`.
 */
import { z } from 'zod';

export const FeedbackStatusSchema = z.enum([
  'received',
  'awaiting_supplement',
  'processing',
  'answered',
  'published',
  'rejected',
  'closed',
]);
export type FeedbackStatus = z.infer<typeof FeedbackStatusSchema>;

/** About a rule or procedure, about how a dossier is handled, about staff, or anything else. */
export const FeedbackCategorySchema = z.enum(['regulation', 'handling', 'conduct', 'other']);
export type FeedbackCategory = z.infer<typeof FeedbackCategorySchema>;

/** How the case reached the desk: the web form, the 1022 hotline, the counter, e-mail or post. */
export const FeedbackChannelSchema = z.enum(['web', 'hotline', 'counter', 'email', 'post']);
export type FeedbackChannel = z.infer<typeof FeedbackChannelSchema>;

/** The channels on which the desk takes a case on the citizen's behalf. */
export const StaffFeedbackChannelSchema = FeedbackChannelSchema.exclude(['web']);
