import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { FeedbackCommandName, FeedbackPayloads } from '../domain/feedback/commands';
import type { FeedbackActor, FeedbackState } from '../domain/feedback/types';

export type { FeedbackWorkflowInput } from '../domain/feedback/start';

export interface FeedbackActionArgs<K extends FeedbackCommandName> {
  actor: FeedbackActor;
  payload: FeedbackPayloads[K];
}

function action<K extends FeedbackCommandName>(name: K) {
  return defineUpdate<FeedbackState, [FeedbackActionArgs<K>]>(`feedback.${name}`);
}

/** Staff and citizen actions on a case: Updates whose validators refuse what the rules forbid. */
export const feedbackActions = {
  reject: action('reject'),
  requestSupplement: action('requestSupplement'),
  supplement: action('supplement'),
  assign: action('assign'),
  answer: action('answer'),
  publish: action('publish'),
  rate: action('rate'),
} as const;

export const feedbackStateQuery = defineQuery<FeedbackState>('feedbackState');

/** Workflow ids of feedback cases: the code itself, which never looks like a dossier code. */
export const feedbackWorkflowId = (code: string) => code;
