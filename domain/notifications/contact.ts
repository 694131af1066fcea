/**
 * Contact addresses of citizens and staff: normalising them for the providers, masking them for
 * display (api-v1: what was sent to whom, recipient masked) and choosing the channel to use.
 */
import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import type { AudienceKind } from './occasions';

/** How a message reaches a person; not the channel a dossier was submitted through. */
export const DeliveryChannelSchema = z.enum(['email', 'sms', 'zalo']);
export type DeliveryChannel = z.infer<typeof DeliveryChannelSchema>;

export function normalizeEmail(email: string): string | undefined {
  const e = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) ? e : undefined;
}

/** Local numbers are read as Vietnamese (0 + 9 or 10 digits); international ones keep their country. */
function parsePhone(phone: string): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(phone, 'VN');
  return parsed?.isPossible() ? parsed : undefined;
}

/** E.164, as twilio and Zalo want it. */
export function normalizePhone(phone: string): string | undefined {
  return parsePhone(phone)?.number;
}

/** "n***@gmail.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** "09******78": Vietnamese numbers are shown in the local form people recognise. */
export function maskPhone(phone: string): string {
  const parsed = parsePhone(phone);
  const shown = !parsed
    ? phone.replace(/\s/g, '')
    : parsed.countryCallingCode === '84'
      ? `0${parsed.nationalNumber}`
      : parsed.number;
  if (shown.length <= 4) return '*'.repeat(shown.length);
  return `${shown.slice(0, 2)}${'*'.repeat(shown.length - 4)}${shown.slice(-2)}`;
}

export function maskAddress(channel: DeliveryChannel, address: string): string {
  return channel === 'email' ? maskEmail(address) : maskPhone(address);
}

export interface ContactPoints {
  email?: string | null;
  phone?: string | null;
  /** Most wanted first; channels missing here are still used, after these, when nothing else works. */
  preferredChannels?: readonly DeliveryChannel[];
}

export interface ChannelChoice {
  channel: DeliveryChannel;
  /** Normalised: lower-case e-mail, E.164 phone (Zalo ZNS addresses a phone number too). */
  address: string;
}

/**
 * Citizens: SMS first, because Decree 118 Art. 17(2) names the portal's automatic SMS and nearly every
 * applicant leaves a phone number. Staff: their work mailbox first, SMS costs the agency money.
 */
export const DEFAULT_CHANNEL_ORDER: Record<AudienceKind, readonly DeliveryChannel[]> = {
  citizen: ['sms', 'email', 'zalo'],
  staff: ['email', 'sms', 'zalo'],
};

export interface SelectChannelsOptions {
  audience: AudienceKind;
  /** Channels configured in this deployment. */
  available: readonly DeliveryChannel[];
  /** A letter is attached: e-mail is the only channel that carries it, so it goes first when known. */
  withAttachment?: boolean;
}

/**
 * Every usable channel for one recipient, best first. The caller sends on the first and falls back to
 * the next only when a channel rejects the address for good, so a person is told once, not thrice.
 */
export function selectChannels(contact: ContactPoints, options: SelectChannelsOptions): ChannelChoice[] {
  const email = contact.email ? normalizeEmail(contact.email) : undefined;
  const phone = contact.phone ? normalizePhone(contact.phone) : undefined;
  const addressOf = (channel: DeliveryChannel): string | undefined => (channel === 'email' ? email : phone);

  const order: DeliveryChannel[] = [];
  for (const channel of [...(contact.preferredChannels ?? []), ...DEFAULT_CHANNEL_ORDER[options.audience]]) {
    if (!order.includes(channel)) order.push(channel);
  }
  if (options.withAttachment && email) order.sort((a, b) => Number(b === 'email') - Number(a === 'email'));

  return order
    .filter((channel) => options.available.includes(channel))
    .flatMap((channel) => {
      const address = addressOf(channel);
      return address ? [{ channel, address }] : [];
    });
}
