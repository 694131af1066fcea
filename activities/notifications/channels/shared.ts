/**
 * Delivery channels: e-mail (SMTP via nodemailer), SMS (twilio) and Zalo ZNS (HTTP). Each classifies
 * its failures: an address the provider will never accept is permanent, anything that may pass on
 * a later attempt (timeouts, refused connections, 4xx SMTP replies, HTTP 5xx/429) is retryable.
 * Decree 118 Art. 17(2)(c), 19(6), 22(5) name e-mail, SMS and approved social networks.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import twilio from 'twilio';
import type { DeliveryChannel } from '../../domain/notifications';

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

const DEFAULT_TIMEOUT_MS = 15_000;

const shortHash = (value: string): string =>
  createHash('sha256').update(value).digest('base64url').slice(0, 32);

const errorFields = (err: unknown): Record<string, unknown> =>
  err !== null && typeof err === 'object' ? (err as Record<string, unknown>) : {};

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

// ---------------------------------------------------------------- e-mail

export interface EmailChannelConfig {
  /** smtp://user:pass@host:port or smtps://…; nodemailer's URL options are honoured. */
  smtpUrl: string;
  from: string;
  timeoutMs?: number;
}

/** SMTP reply classes (RFC 5321 §4.2.1): 5yz will fail again, 4yz may pass later. */
export function classifyEmailError(err: unknown): DeliveryError {
  const { responseCode, code } = errorFields(err);
  const message = messageOf(err);
  const providerCode = typeof responseCode === 'number' ? responseCode : (code as string | undefined);
  if (typeof responseCode === 'number' && responseCode >= 500) {
    return new PermanentDeliveryError('email', message, providerCode, { cause: err });
  }
  // An envelope refused by nodemailer itself (no reply from a server) is a malformed address.
  if (code === 'EENVELOPE' && typeof responseCode !== 'number') {
    return new PermanentDeliveryError('email', message, providerCode, { cause: err });
  }
  return new RetryableDeliveryError('email', message, providerCode, { cause: err });
}

export function createEmailChannel(config: EmailChannelConfig): Sender {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  });
  const fromDomain = /@([^>\s]+)>?\s*$/.exec(config.from)?.[1] ?? 'motcua.local';
  return {
    name: 'email',
    async send(message) {
      // The same Message-ID on a resend lets mail clients fold a duplicate into the first copy.
      const messageId = `<${shortHash(message.idempotencyKey)}@${fromDomain}>`;
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          messageId,
          attachments: message.attachments?.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
        });
        return { providerMessageId: String(info.messageId ?? messageId) };
      } catch (err) {
        throw classifyEmailError(err);
      }
    },
  };
}

// ---------------------------------------------------------------- SMS

export type SmsChannelConfig = {
  accountSid: string;
  authToken: string;
  /** Where the Messages API lives when it is not api.twilio.com (a test double, a regional proxy). */
  apiBaseUrl?: string;
  timeoutMs?: number;
} & ({ from: string; messagingServiceSid?: undefined } | { messagingServiceSid: string; from?: undefined });

type TwilioRequestOptions<TData> = Parameters<typeof twilio.RequestClient.prototype.request<TData>>[0];

/**
 * twilio-node's documented extension point is a custom `httpClient`; this one keeps the library's
 * request (auth, form encoding, error mapping) and only moves it to another origin.
 */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(
    private readonly base: URL | undefined,
    timeout: number,
  ) {
    super({ timeout, autoRetry: false });
  }

  override request<TData>(opts: TwilioRequestOptions<TData>) {
    if (!this.base) return super.request<TData>(opts);
    const original = new URL(opts.uri);
    const prefix = this.base.pathname.replace(/\/+$/, '');
    const uri = new URL(`${prefix}${original.pathname}${original.search}`, this.base.origin).href;
    return super.request<TData>({ ...opts, uri });
  }
}

/** Twilio error codes that mean this number will never receive this SMS. */
const PERMANENT_TWILIO_CODES = new Set([21211, 21214, 21408, 21610, 21612, 21614]);

export function classifySmsError(err: unknown): DeliveryError {
  const { status, code } = errorFields(err);
  const message = messageOf(err);
  const twilioCode = typeof code === 'number' ? code : undefined;
  if (twilioCode !== undefined && PERMANENT_TWILIO_CODES.has(twilioCode)) {
    return new PermanentDeliveryError('sms', message, twilioCode, { cause: err });
  }
  if (typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return new PermanentDeliveryError('sms', message, twilioCode ?? status, { cause: err });
  }
  const providerCode = twilioCode ?? (typeof status === 'number' ? status : (code as string | undefined));
  return new RetryableDeliveryError('sms', message, providerCode, { cause: err });
}

export function createSmsChannel(config: SmsChannelConfig): Sender {
  const httpClient = new RebasedRequestClient(
    config.apiBaseUrl ? new URL(config.apiBaseUrl) : undefined,
    config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  const client = twilio(config.accountSid, config.authToken, { httpClient });
  const sender = config.messagingServiceSid
    ? { messagingServiceSid: config.messagingServiceSid }
    : { from: config.from };
  return {
    name: 'sms',
    async send(message) {
      try {
        const sent = await client.messages.create({ to: message.to, body: message.sms, ...sender });
        return { providerMessageId: sent.sid };
      } catch (err) {
        throw classifySmsError(err);
      }
    },
  };
}

// ---------------------------------------------------------------- Zalo

export interface ZaloChannelConfig {
  /** The ZNS send endpoint, e.g. https://business.openapi.zalo.me/message/template. */
  url: string;
  accessToken: string;
  /** Approved ZNS template with the parameters `subject` and `content`. */
  templateId?: string;
  timeoutMs?: number;
}

interface ZaloReply {
  error?: number;
  message?: string;
  data?: { msg_id?: string };
}

export function classifyZaloStatus(status: number, detail: string): DeliveryError {
  const message = `Zalo answered HTTP ${status}: ${detail}`;
  if (status === 408 || status === 429 || status >= 500)
    return new RetryableDeliveryError('zalo', message, status);
  return new PermanentDeliveryError('zalo', message, status);
}

export function createZaloChannel(config: ZaloChannelConfig): Sender {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    name: 'zalo',
    async send(message) {
      let response: Response;
      try {
        response = await fetch(config.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', access_token: config.accessToken },
          body: JSON.stringify({
            // ZNS addresses a phone number without the plus sign.
            phone: message.to.replace(/^\+/, ''),
            template_id: config.templateId,
            template_data: { subject: message.subject, content: message.sms },
            tracking_id: shortHash(message.idempotencyKey),
          }),
          signal: AbortSignal.timeout(timeout),
        });
      } catch (err) {
        throw new RetryableDeliveryError('zalo', `Zalo unreachable: ${messageOf(err)}`, undefined, {
          cause: err,
        });
      }
      const raw = await response.text();
      if (!response.ok) throw classifyZaloStatus(response.status, raw.slice(0, 200));
      let reply: ZaloReply;
      try {
        reply = JSON.parse(raw) as ZaloReply;
      } catch (err) {
        throw new RetryableDeliveryError(
          'zalo',
          `Zalo answered non-JSON: ${raw.slice(0, 200)}`,
          response.status,
          {
            cause: err,
          },
        );
      }
      // ZNS reports a refused recipient or template in the body of a 200 reply.
      if (reply.error !== undefined && reply.error !== 0) {
        throw new PermanentDeliveryError(
          'zalo',
          `Zalo refused: ${reply.message ?? reply.error}`,
          reply.error,
        );
      }
      const id = reply.data?.msg_id;
      if (!id)
        throw new RetryableDeliveryError('zalo', 'Zalo answered without a message id', response.status);
      return { providerMessageId: id };
    },
  };
}
