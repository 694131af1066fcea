/**
 * The template engine: picks the occasion's template for the audience, checks the fields against its
 * schema, renders it in the language asked, and wraps it in greeting, tracking link and footer.
 * Rendering with a field missing throws instead of sending a message with a hole in it.
 */
import type { z } from 'zod';
import { isFeedbackCode } from '../feedback/code';
import { OCCASION_INFO, isOccasion, type AudienceKind, type Lang, type Occasion } from './occasions';
import { fitSms } from './sms';
import { TEMPLATES } from './templates';
import type { Template, Variants } from './templates/define';

export class TemplateFieldError extends Error {
  constructor(
    readonly occasion: string,
    readonly field: string,
    detail: string,
  ) {
    super(`template ${occasion}: field "${field}" ${detail}`);
    this.name = 'TemplateFieldError';
  }
}

export interface RenderedNotification {
  subject: string;
  text: string;
  sms: string;
}

export interface RenderOptions {
  lang: Lang;
  /** Origin of the public site; citizen messages link to the dossier's or the feedback's page there. */
  publicBaseUrl?: string;
  /** For occasions told to both citizens and staff; the occasion's first audience otherwise. */
  audience?: AudienceKind;
  /** The citizen's access code, for the receipt message: printed, and carried by the link's fragment. */
  accessCode?: string;
}

export type NotificationData = Record<string, unknown>;

const GREETING = {
  citizen: { vi: (name: string) => `Kính gửi Ông/Bà ${name},`, en: (name: string) => `Dear ${name},` },
  staff: { vi: (name: string) => `Kính gửi ${name},`, en: (name: string) => `Dear ${name},` },
} as const;

const TRACKING = {
  dossier: { vi: 'Tra cứu hồ sơ', en: 'Track your dossier' },
  feedback: { vi: 'Theo dõi phản ánh, kiến nghị', en: 'Follow your feedback' },
} as const;

const FOOTER = {
  vi: 'Thư này được gửi tự động từ hệ thống Một cửa điện tử; vui lòng không trả lời.',
  en: 'This message was sent automatically by the one-stop system; please do not reply.',
} as const;

export function trackingUrl(publicBaseUrl: string, code: string): string {
  const page = isFeedbackCode(code) ? 'phan-anh' : 'tra-cuu';
  return `${publicBaseUrl.replace(/\/+$/, '')}/${page}/${encodeURIComponent(code)}`;
}

/** The fragment that carries a citizen's access code to the pages; read by api/site/assets/access-code.js. */
export const ACCESS_CODE_FRAGMENT = 'ma';

/**
 * A tracking page's address that also carries the access code, for the holder of the receipt: in the
 * fragment, which the browser never sends to a server, so it stays out of access logs and Referer headers.
 */
export function withAccessCode(url: string, accessCode: string): string {
  return `${url}#${ACCESS_CODE_FRAGMENT}=${encodeURIComponent(accessCode)}`;
}

function variant(
  occasion: Occasion,
  audience: AudienceKind | undefined,
): [AudienceKind, Template<z.ZodObject>] {
  const kind = audience ?? OCCASION_INFO[occasion].audiences[0];
  const template = (TEMPLATES[occasion] as Variants)[kind];
  if (!template) throw new TemplateFieldError(occasion, 'audience', `has no ${kind} template`);
  return [kind, template];
}

export function renderNotification(
  occasion: Occasion,
  data: NotificationData,
  options: RenderOptions,
): RenderedNotification {
  if (!isOccasion(occasion)) throw new TemplateFieldError(String(occasion), 'occasion', 'is not an occasion');
  const [audience, template] = variant(occasion, options.audience);
  if (audience === 'citizen' && !options.publicBaseUrl) {
    throw new TemplateFieldError(occasion, 'publicBaseUrl', 'is required for the tracking link');
  }
  const parsed = template.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join('.') || '(data)';
    const value = issue.path.reduce<unknown>(
      (v, key) =>
        v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined,
      data,
    );
    const missing = value === undefined || value === null;
    throw new TemplateFieldError(occasion, field, missing ? 'is missing' : `is invalid: ${issue.message}`);
  }
  const d = parsed.data as Record<string, unknown> & { code: string };
  const tracking = audience === 'citizen' ? trackingUrl(options.publicBaseUrl ?? '', d.code) : '';
  const { accessCode } = options;
  const link = tracking && accessCode ? withAccessCode(tracking, accessCode) : tracking;
  const body = template[options.lang](d, { link, accessCode });
  const name = String(audience === 'citizen' ? d.applicantName : d.recipientName);
  const lines = [GREETING[audience][options.lang](name), '', ...body.lines];
  if (audience === 'citizen') {
    const tracking = TRACKING[isFeedbackCode(d.code) ? 'feedback' : 'dossier'][options.lang];
    lines.push('', `${tracking}: ${link}`);
  }
  lines.push('', FOOTER[options.lang]);
  return { subject: body.subject, text: lines.join('\n'), sms: fitSms(occasion, body.sms) };
}
