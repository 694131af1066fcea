/**
 * The notify activity: tells a dossier's citizen, or the staff of an agency, that something happened,
 * through an outbox so that each message leaves once. For every recipient and channel a row is
 * written first, already claimed by the attempt ('sending', unique idempotency key), sent, then marked
 * 'sent' or 'failed' (or 'queued' again after a passing fault). A retried activity, or a worker
 * restarted at any point, finds the rows and sends only what is not sent yet. The one window left is a
 * worker dying after the provider accepted and before 'sent' was written: no provider here takes an
 * idempotency key, so that message may leave twice (e-mail keeps its Message-ID for clients to fold).
 */
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { Logger } from 'pino';
import {
  NotifyInputSchema,
  OCCASION_INFO,
  TemplateFieldError,
  isOccasion,
  maskAddress,
  renderNotification,
  selectChannels,
  type ChannelChoice,
  type DeliveryChannel,
  type Lang,
  type NotifyInput,
  type Occasion,
  type RenderedNotification,
} from '../../domain/notifications';
import { isFeedbackCode } from '../../domain/feedback/code';
import type { Db } from '../../platform/database/client';
import { openAccessCode } from '../../platform/auth/access-code-seal';
import { clearAccessCodeSeal, findDossier } from '../../platform/database/repositories/dossiers';
import { findFeedback } from '../../platform/database/repositories/feedback';
import {
  claimNotification,
  findNotification,
  insertClaimedNotification,
  markNotificationSent,
  releaseNotificationClaim,
} from '../../platform/database/repositories/outbox';
import { staffContacts } from '../../platform/database/repositories/users';
import { FormDataError, FormNotAvailableError, loadFormData, type FormInput, type FormKind } from '../forms';
import { PermanentDeliveryError, type Attachment, type Sender } from './channels';

export interface Delivery {
  recipientMasked: string;
  channel?: DeliveryChannel;
  /** 'already_sent': an earlier attempt delivered it; 'skipped': no usable address. */
  status: 'sent' | 'already_sent' | 'failed' | 'skipped';
  providerMessageId?: string;
  error?: string;
}

/** Counts per recipient (not per channel): sent includes those an earlier attempt delivered. */
export interface NotifyResult {
  sent: number;
  skipped: number;
  failed: number;
  deliveries: Delivery[];
}

export interface NotificationDeps {
  db: Db;
  /** The channels configured in this deployment. */
  channels: Partial<Record<DeliveryChannel, Sender>>;
  publicBaseUrl: string;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  renderForm: <K extends FormKind>(kind: K, data: FormInput<K>) => Promise<Buffer>;
  /** Header of the letters attached (cơ quan chủ quản, place in the dateline). */
  letterhead?: { governingBody?: string; place?: string };
  lang?: Lang;
  /** How long a send may take before another attempt may take it over; above every channel's timeout. */
  sendLeaseMs?: number;
  /** Waits for the channel's next free slot, so that a burst stays within the provider's rate. */
  pace?: (channel: DeliveryChannel) => Promise<void>;
  /** Opens the access code reception sealed for the receipt message (platform/auth/access-code-seal.ts). */
  accessCodePepper?: Uint8Array;
}

/** The messages that tell a citizen their dossier was received: the receipt message, with the access code. */
const RECEIPT_OCCASIONS: ReadonlySet<Occasion> = new Set(['received', 'submission_accepted']);

interface Recipient {
  name: string;
  email?: string | null;
  phone?: string | null;
}

/** Stable across retries and restarts; the address is hashed so the key carries no personal data. */
export function notificationKey(
  input: Pick<NotifyInput, 'dossierCode' | 'occasion' | 'occurrence'>,
  channel: DeliveryChannel,
  address: string,
): string {
  const recipientHash = createHash('sha256').update(address).digest('hex').slice(0, 16);
  return `${input.dossierCode}:${input.occasion}:${input.occurrence}:${channel}:${recipientHash}`;
}

/** An automatic apology when the date passed carries no reason from a clerk; this one is plain fact. */
const DEFAULT_DELAY_REASON = 'Hồ sơ chưa được giải quyết xong trong thời hạn quy định.';

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

export function createNotificationActivities(deps: NotificationDeps) {
  const { db, logger } = deps;
  const lang = deps.lang ?? 'vi';
  const leaseMs = deps.sendLeaseMs ?? 2 * 60_000;
  const available = Object.keys(deps.channels) as DeliveryChannel[];

  async function recipientsOf(input: NotifyInput): Promise<Recipient[]> {
    if (input.audience.kind === 'staff') {
      return staffContacts(db, input.audience.agencyCode, input.audience.roles);
    }
    if (isFeedbackCode(input.dossierCode)) {
      const feedback = await findFeedback(db, input.dossierCode);
      // The API writes the case before it starts the workflow; none means a workflow started by hand.
      if (!feedback) throw new Error(`feedback ${input.dossierCode} is not in the database`);
      return [{ name: feedback.contactName, email: feedback.contactEmail, phone: feedback.contactPhone }];
    }
    const dossier = await findDossier(db, input.dossierCode);
    // The projection activity may not have run yet (activities run in any order): try again later.
    if (!dossier) throw new Error(`dossier ${input.dossierCode} is not in the read model yet`);
    return [{ name: dossier.applicantName, email: dossier.applicantEmail, phone: dossier.applicantPhone }];
  }

  /** The access code sealed at reception, for the citizen's receipt message while it is still kept. */
  async function receiptAccessCode(input: NotifyInput): Promise<string | undefined> {
    if (input.audience.kind !== 'citizen' || !RECEIPT_OCCASIONS.has(input.occasion)) return undefined;
    const sealed = (await findDossier(db, input.dossierCode))?.accessCodeSealed;
    if (!sealed || !deps.accessCodePepper) return undefined;
    return openAccessCode(deps.accessCodePepper, input.dossierCode, sealed);
  }

  /** The apology letter of Decree 118 Art. 19(6), in the form set of the receipt date. */
  async function apologyLetter(input: NotifyInput): Promise<Attachment> {
    const d = input.data;
    const extension = input.occasion === 'extended';
    const formData = await loadFormData(db, input.dossierCode, 'apology', {
      publicBaseUrl: deps.publicBaseUrl,
      ...deps.letterhead,
      overrides: {
        reason: String(d.reason ?? DEFAULT_DELAY_REASON),
        dueAt: String(extension ? d.previousDueAt : d.dueAt),
        ...(extension ? { newDueAt: String(d.dueAt) } : d.newDueAt ? { newDueAt: String(d.newDueAt) } : {}),
      },
    });
    const content = await deps.renderForm('apology', formData);
    return { filename: `xin-loi-${input.dossierCode}.pdf`, content, contentType: 'application/pdf' };
  }

  /**
   * Sends on the first channel that takes the message; a channel that refuses the address for good is
   * recorded as failed and the next one is tried. A transient failure stops here and is retried later
   * on the same channel, so the person is not told twice by two channels.
   */
  async function deliver(
    input: NotifyInput,
    occasion: Occasion,
    rendered: RenderedNotification,
    candidates: ChannelChoice[],
    attachment: () => Promise<Attachment>,
    secret?: string,
  ): Promise<Delivery> {
    // The outbox keeps what was sent, but never the access code.
    const kept = (body: string) => (secret ? body.replaceAll(secret, '********') : body);
    let last: Delivery | undefined;
    for (const { channel, address } of candidates) {
      const idempotencyKey = notificationKey(input, channel, address);
      const recipientMasked = maskAddress(channel, address);
      const wantsAttachment = channel === 'email' && OCCASION_INFO[occasion].attachment !== undefined;
      const files = wantsAttachment ? [await attachment()] : undefined;
      // Paced before the claim, so that the wait does not eat the claim's lease.
      await deps.pace?.(channel);
      // Written claimed in one query: a first attempt, by far the most common, makes two in all.
      const written = await insertClaimedNotification(db, {
        idempotencyKey,
        dossierCode: input.dossierCode,
        occasion,
        template: `${occasion}.${input.audience.kind}.${lang}`,
        audience: input.audience.kind,
        channel,
        recipient: address,
        recipientMasked,
        subject: channel === 'email' ? rendered.subject : null,
        body: kept(channel === 'email' ? rendered.text : rendered.sms),
        attachments: files?.map((f) => ({
          filename: f.filename,
          contentType: f.contentType,
          bytes: f.content.length,
          sha256: createHash('sha256').update(f.content).digest('hex'),
        })),
      });
      if (!written) {
        const row = await findNotification(db, idempotencyKey);
        if (row?.status === 'sent') {
          return {
            recipientMasked,
            channel,
            status: 'already_sent',
            providerMessageId: row.providerMessageId ?? undefined,
          };
        }
        if (row?.status === 'failed') {
          last = { recipientMasked, channel, status: 'failed', error: row.lastError ?? undefined };
          continue;
        }
        // The attempt that loses the claim retries later and finds the row sent or failed.
        if (!(await claimNotification(db, idempotencyKey, leaseMs))) {
          throw new Error(`${idempotencyKey} is being sent by another attempt`);
        }
      }
      try {
        const { providerMessageId } = await deps.channels[channel]!.send({
          to: address,
          subject: rendered.subject,
          text: rendered.text,
          sms: rendered.sms,
          attachments: files,
          idempotencyKey,
        });
        await markNotificationSent(db, idempotencyKey, providerMessageId);
        logger.info(
          { dossierCode: input.dossierCode, occasion, channel, recipientMasked },
          'notification sent',
        );
        return { recipientMasked, channel, status: 'sent', providerMessageId };
      } catch (err) {
        const permanent = err instanceof PermanentDeliveryError;
        await releaseNotificationClaim(db, idempotencyKey, permanent ? 'failed' : 'queued', errorText(err));
        logger.warn(
          {
            dossierCode: input.dossierCode,
            occasion,
            channel,
            recipientMasked,
            permanent,
            error: errorText(err),
          },
          'notification not delivered',
        );
        if (!permanent) throw err;
        last = { recipientMasked, channel, status: 'failed', error: errorText(err) };
      }
    }
    return last!;
  }

  async function notify(received: NotifyInput): Promise<NotifyResult> {
    // A history holds what the workflow code of its day sent: check it rather than trust the type.
    const parsed = NotifyInputSchema.safeParse(received);
    if (!parsed.success) {
      const known = isOccasion(String(received.occasion));
      throw ApplicationFailure.nonRetryable(
        known ? `invalid notification: ${parsed.error.message}` : `unknown occasion ${received.occasion}`,
        known ? 'INVALID_NOTIFICATION' : 'UNKNOWN_OCCASION',
      );
    }
    const input = parsed.data;
    const occasion = input.occasion;
    const audience = input.audience.kind;
    const recipients = await recipientsOf(input);
    let letter: Promise<Attachment> | undefined;
    const attachment = () => (letter ??= apologyLetter(input));
    const accessCode = await receiptAccessCode(input);

    const deliveries: Delivery[] = [];
    let retryable: unknown;
    for (const recipient of recipients) {
      const candidates = selectChannels(recipient, {
        audience,
        available,
        withAttachment: OCCASION_INFO[occasion].attachment !== undefined,
      });
      if (candidates.length === 0) {
        deliveries.push({ recipientMasked: recipient.name.replace(/(?<=\S)\S+/g, '***'), status: 'skipped' });
        continue;
      }
      let rendered: RenderedNotification;
      try {
        const name =
          audience === 'citizen' ? { applicantName: recipient.name } : { recipientName: recipient.name };
        rendered = renderNotification(
          occasion,
          { ...input.data, ...name },
          {
            lang,
            publicBaseUrl: deps.publicBaseUrl,
            audience,
            accessCode,
          },
        );
      } catch (err) {
        // A bug in what the workflow sends, not a passing fault: retrying would send the same hole.
        if (err instanceof TemplateFieldError) throw ApplicationFailure.nonRetryable(err.message, err.name);
        throw err;
      }
      try {
        deliveries.push(await deliver(input, occasion, rendered, candidates, attachment, accessCode));
      } catch (err) {
        if (err instanceof FormDataError || err instanceof FormNotAvailableError) {
          throw ApplicationFailure.nonRetryable(err.message, err.name);
        }
        // The other recipients still get their message in this attempt; the retry resumes this one.
        retryable ??= err;
      }
    }
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the channel threw, as it was
    if (retryable) throw retryable;
    // Told, or nobody could be: the sealed code has done its one job.
    if (accessCode) await clearAccessCodeSeal(db, input.dossierCode);

    const count = (...statuses: Delivery['status'][]) =>
      deliveries.filter((d) => statuses.includes(d.status)).length;
    const result = {
      sent: count('sent', 'already_sent'),
      skipped: count('skipped'),
      failed: count('failed'),
      deliveries,
    };
    if (result.failed > 0 && result.sent === 0) {
      // Nobody could be reached and retrying cannot change that; the outbox keeps each reason.
      throw ApplicationFailure.nonRetryable(
        `${input.occasion} for ${input.dossierCode} undeliverable: ${deliveries.map((d) => d.error).join('; ')}`,
        'UNDELIVERABLE',
        result,
      );
    }
    return result;
  }

  return { notify };
}
