import path from 'node:path';
import express, { type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import { findDossier } from '../../platform/database/repositories/dossiers';
import { ApiError } from '../errors';
import type { Services } from '../services';
import { holderPages } from './holder';
import { catalogue, procedurePage, trackingPath } from './models';
import { procedureSheet } from './procedure-sheet';
import { notFoundPage, page, qrSvg, trackingData } from './render';

// Markup, and one small script of our own (the access code from a receipt's QR); nothing inline, nothing
// from another origin. No Referer ever leaves a page, so no address of a citizen's dossier travels on.
export const pageSecurity = helmet({
  referrerPolicy: { policy: 'no-referrer' },
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
});

/**
 * The citizens' pages, in Vietnamese, rendered on the server from the services the JSON endpoints use:
 * the catalogue, each procedure with its QR code and A4 sheet, the tracking page of a dossier, and what the
 * holder of its access code sees and does there (api/site/holder.ts).
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
    page(res, 200, 'tracking', await trackingData(s, row));
  });
  site.use(holderPages(s, limiter));

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

/** The catalogue's procedure of a page's address, or null for a page that names none. */
export function procedureOrNull(s: Services, code: string) {
  try {
    return s.procedure(code);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}
