import path from 'node:path';
import { Eta } from 'eta';
import type { Response } from 'express';
import { toString as qrToString } from 'qrcode';
import type { Dossier as DossierRow } from '../../generated/sqlite/client';
import { lastAppliedEvent } from '../../platform/database/repositories/events';
import type { Services } from '../services';
import { trackingPage } from './models';

/** What the citizens' pages share: the templates, the page answers and the tracking page's data. */

const eta = new Eta({ views: path.join(__dirname, 'templates'), cache: true });

export function page(res: Response, status: number, template: string, data: Record<string, unknown>): void {
  res.status(status).type('html').send(eta.render(template, data));
}

export function notFoundPage(res: Response, message: string): void {
  page(res, 404, 'not-found', { title: 'Không tìm thấy', message });
}

// A QR code costs a few milliseconds; each page's own is made once.
const qrCache = new Map<string, Promise<string>>();
export function qrSvg(url: string): Promise<string> {
  let svg = qrCache.get(url);
  if (!svg) {
    if (qrCache.size >= 5_000) qrCache.delete(qrCache.keys().next().value!);
    svg = qrToString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((markup) =>
      markup.replace('<svg ', '<svg class="qr" role="img" aria-label="Mã QR của trang này" '),
    );
    qrCache.set(url, svg);
  }
  return svg;
}

/** The tracking page's template data; the page's QR is always the public address, never the access code. */
export async function trackingData(s: Services, row: DossierRow) {
  const requested = row.statusKey === 'awaiting_supplement' ? await requestedDocuments(s, row.code) : [];
  const dossier = trackingPage(s, row, requested);
  return { title: `Hồ sơ ${row.code}`, dossier, qr: await qrSvg(dossier.url) };
}

/** The documents of the last request for a supplement or a completion, as the clerk listed them. */
export async function requestedDocuments(s: Services, code: string): Promise<string[]> {
  const event = await lastAppliedEvent(s.db, code, ['requestSupplement', 'requestCompletion']);
  const detail = (event?.detail ?? {}) as { documents?: unknown; missingDocuments?: unknown };
  const documents = detail.documents ?? detail.missingDocuments;
  return Array.isArray(documents) ? documents.filter((d): d is string => typeof d === 'string') : [];
}
