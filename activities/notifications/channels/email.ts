/** E-mail over SMTP with nodemailer; the only channel that carries the attached letters. */
import { createTransport } from 'nodemailer';
import {
  DEFAULT_TIMEOUT_MS,
  PermanentDeliveryError,
  RetryableDeliveryError,
  errorFields,
  messageOf,
  shortHash,
  type DeliveryError,
  type Sender,
} from './shared';

export interface EmailChannelConfig {
  /** smtp://user:pass@host:port or smtps://…; nodemailer's URL options are honoured. */
  smtpUrl: string;
  from: string;
  timeoutMs?: number;
}

/** SMTP reply classes (RFC 5321 §4.2.1): 5yz will fail again, 4yz may pass later. */
function classifyEmailError(err: unknown): DeliveryError {
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

export function createEmailChannel(config: EmailChannelConfig): Sender & { close(): void } {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport({
    url: config.smtpUrl,
    // Each message on a connection already open: a relay's greeting (often delayed on purpose against
    // spam), EHLO and TLS are paid once per connection, not per message (docs/architecture.md, the outbox).
    pool: true,
    // A message whose connection dropped fails to the activity, whose retries the outbox records, rather
    // than being sent again inside nodemailer where no one counts the attempt.
    maxRequeues: 0,
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
    close: () => transport.close(),
  };
}
