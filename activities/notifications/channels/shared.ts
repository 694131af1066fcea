/**
 * What every delivery channel shares: the message, the sender's shape and the two kinds of failure. An
 * address the provider will never accept is permanent, anything that may pass on a later attempt
 * (timeouts, refused connections, 4xx SMTP replies, HTTP 5xx/429) is retryable.
 */
import { createHash } from 'node:crypto';
import type { DeliveryChannel } from '../../../domain/notifications';

export interface Attachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface OutboundMessage {
  /** Normalised address: e-mail, or E.164 phone for SMS and Zalo. */
  to: string;
  subject: string;
  text: string;
  sms: string;
  attachments?: Attachment[];
  /** Stable per message and recipient: providers that deduplicate get it, others a value derived from it. */
  idempotencyKey: string;
}

export interface SendResult {
  providerMessageId: string;
}

/** Sends on one delivery channel. */
export interface Sender {
  readonly name: DeliveryChannel;
  send(message: OutboundMessage): Promise<SendResult>;
  /** Ends what the sender keeps open between messages (pooled SMTP connections), when its process stops. */
  close?(): void;
}

/** A failed delivery, with the provider's own code (SMTP reply, twilio error) for the outbox record. */
abstract class DeliveryFailure extends Error {
  constructor(
    readonly channel: DeliveryChannel,
    message: string,
    readonly providerCode?: string | number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Will fail again: a bad address or number. Recorded as failed and never retried. */
export class PermanentDeliveryError extends DeliveryFailure {}

/** May pass later: a timeout, a busy provider. Retried with backoff. */
export class RetryableDeliveryError extends DeliveryFailure {}

export type DeliveryError = PermanentDeliveryError | RetryableDeliveryError;

export const DEFAULT_TIMEOUT_MS = 15_000;

export const shortHash = (value: string): string =>
  createHash('sha256').update(value).digest('base64url').slice(0, 32);

export const errorFields = (err: unknown): Record<string, unknown> =>
  err !== null && typeof err === 'object' ? (err as Record<string, unknown>) : {};

export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
