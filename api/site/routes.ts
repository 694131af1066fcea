import path from 'node:path';
import { Eta } from 'eta';
import express, { type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { toString as qrToString } from 'qrcode';
import { findDossier } from '../../platform/database/repositories/dossiers';
import { lastAppliedEvent } from '../../platform/database/repositories/events';
import { ApiError } from '../errors';
import type { Services } from '../services';
import { catalogue, procedurePage, trackingPage, trackingPath } from './models';
import { procedureSheet } from './procedure-sheet';

const eta = new Eta({ views: path.join(__dirname, 'templates'), cache: true });

// Markup only: no script, no inline style, nothing from another origin.
export const pageSecurity = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
});

// A QR code costs a few milliseconds; each page's own is made once.
const qrCache = new Map<string, Promise<string>>();
function qrSvg(url: string): Promise<string> {
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

/**
 * The citizens' pages, in Vietnamese, rendered on the server from the services the JSON endpoints use:
 * the catalogue, each procedure with its QR code and A4 sheet, and the tracking page of a dossier.
 */
export function citizenSite(s: Services, limiter: RequestHandler): express.Router {
  const site = express.Router();
  site.use('/assets', express.static(path.join(__dirname, 'assets'), { maxAge: '1d' }));
  site.use(pageSecurity);

  site.get('/', (_req, res) => page(res, 200, 'home', { title: 'Tra cứu hồ sơ', procedures: catalogue(s) }));

  // The home page's form sends ?ma=; the page of a dossier has its own address, the one the QR codes carry.
  site.get('/tra-cuu', (req, res) => {
    const code = typeof req.query.ma === 'string' ? req.query.ma.trim() : '';
    res.redirect(303, code ? trackingPath(code) : '/');
  });

  site.get('/tra-cuu/:code', limiter, async (req: Request<{ code: string }>, res) => {
    const { code } = req.params;
    const row = await findDossier(s.db, code);
    if (!row) return notFoundPage(res, `Không tìm thấy hồ sơ có mã “${code}”.`);
    const requested = row.statusKey === 'awaiting_supplement' ? await requestedDocuments(s, code) : [];
    const dossier = trackingPage(s, row, requested);
    page(res, 200, 'tracking', { title: `Hồ sơ ${code}`, dossier, qr: await qrSvg(dossier.url) });
  });

  site.get('/thu-tuc/:code', async (req: Request<{ code: string }>, res) => {
    const procedure = procedureOrNull(s, req.params.code);
    if (!procedure) return notFoundPage(res, `Không tìm thấy thủ tục có mã “${req.params.code}”.`);
    const view = procedurePage(s, procedure);
    page(res, 200, 'procedure', { title: view.name, procedure: view, qr: await qrSvg(view.url) });
  });

  site.get('/thu-tuc/:code/to-niem-yet.pdf', async (req: Request<{ code: string }>, res) => {
    const procedure = procedureOrNull(s, req.params.code);
    if (!procedure) return notFoundPage(res, `Không tìm thấy thủ tục có mã “${req.params.code}”.`);
    const pdf = await procedureSheet(procedurePage(s, procedure));
    res
      .type('application/pdf')
      .set('Content-Disposition', `inline; filename="thu-tuc-${procedure.code}.pdf"`)
      .send(pdf);
  });

  return site;
}

export function page(res: Response, status: number, template: string, data: Record<string, unknown>): void {
  res.status(status).type('html').send(eta.render(template, data));
}

export function notFoundPage(res: Response, message: string): void {
  page(res, 404, 'not-found', { title: 'Không tìm thấy', message });
}

function procedureOrNull(s: Services, code: string) {
  try {
    return s.procedure(code);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/** The documents of the last request for a supplement or a completion, as the clerk listed them. */
export async function requestedDocuments(s: Services, code: string): Promise<string[]> {
  const event = await lastAppliedEvent(s.db, code, ['requestSupplement', 'requestCompletion']);
  const detail = (event?.detail ?? {}) as { documents?: unknown; missingDocuments?: unknown };
  const documents = detail.documents ?? detail.missingDocuments;
  return Array.isArray(documents) ? documents.filter((d): d is string => typeof d === 'string') : [];
}
