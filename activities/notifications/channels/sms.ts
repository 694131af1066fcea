/** SMS through the twilio client. */
import twilio from 'twilio';
import {
  DEFAULT_TIMEOUT_MS,
  PermanentDeliveryError,
  RetryableDeliveryError,
  errorFields,
  messageOf,
  type DeliveryError,
  type Sender,
} from './shared';

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

function classifySmsError(err: unknown): DeliveryError {
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
