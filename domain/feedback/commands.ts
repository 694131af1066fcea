import { z } from 'zod';
import { text } from '../text';
import type { FeedbackActor } from './types';

const Reason = text(2000, { multiline: true });

/**
 * The actions on a case; each reaches the feedback workflow as one Update. The API parses request
 * bodies with these schemas, so both sides read one shape. What the citizen adds travels to the
 * database, not here: `supplement` only says that it came.
 */
export const FeedbackPayloadSchemas = {
  reject: z.strictObject({ reason: Reason }),
  requestSupplement: z.strictObject({ reason: Reason }),
  supplement: z.strictObject({}),
  assign: z.strictObject({ agency: text(50) }),
  answer: z.strictObject({ answer: text(10000, { multiline: true }) }),
  publish: z.strictObject({}),
  rate: z.strictObject({ satisfied: z.boolean() }),
} as const;

export type FeedbackCommandName = keyof typeof FeedbackPayloadSchemas;
export type FeedbackPayloads = { [K in FeedbackCommandName]: z.infer<(typeof FeedbackPayloadSchemas)[K]> };
export type FeedbackCommand = {
  [K in FeedbackCommandName]: { name: K; actor: FeedbackActor; payload: FeedbackPayloads[K] };
}[FeedbackCommandName];
export const FEEDBACK_COMMANDS = Object.keys(FeedbackPayloadSchemas) as FeedbackCommandName[];
