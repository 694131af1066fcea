/** Zalo ZNS over HTTP: no client library is published for it. */
import {
  DEFAULT_TIMEOUT_MS,
  PermanentDeliveryError,
  RetryableDeliveryError,
  messageOf,
  shortHash,
  type DeliveryError,
  type Sender,
} from './shared';

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

function classifyZaloStatus(status: number, detail: string): DeliveryError {
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
