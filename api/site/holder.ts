import express, { type Request, type RequestHandler, type Response } from 'express';
import { RATING_ITEMS } from '../../domain/indicators';
import { withAccessCode } from '../../domain/notifications/render';
import type { Dossier as DossierRow } from '../../generated/sqlite/client';
import { isRated } from '../../platform/database/repositories/ratings';
import { ApiError } from '../errors';
import { rateDossier } from '../rating';
import { RatingBody } from '../schemas';
import type { Services } from '../services';
import { RATING_ITEM_LABEL, SCORE_LABEL } from './labels';
import { trackingPath } from './models';
import { page, trackingData } from './render';

/**
 * What the holder of a dossier's access code sees and does on the pages: their own name and the actions
 * open to them (rate after the return, supplement when asked). The code arrives in a POSTed form, never in
 * an address the server sees: the receipt's QR carries it in the fragment, which assets/access-code.js
 * moves into the form. It is checked by the same guard as the API's X-Access-Code, so wrong tries on the
 * pages and on the API count together, and every answer that shows it is neither cached nor referred on.
 */
export function holderPages(s: Services, limiter: RequestHandler): express.Router {
  const r = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });
  const privately: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };

  r.post('/tra-cuu/:code', limiter, privately, form, async (req: Request<{ code: string }>, res) => {
    const accessCode = field(req, 'accessCode');
    const row = await admitted(s, res, req.params.code, accessCode);
    if (!row) return;
    const data = await trackingData(s, row);
    data.dossier.applicantName = row.applicantName;
    page(res, 200, 'tracking', { ...data, holder: await actionsOf(s, row, accessCode) });
  });

  r.get('/tra-cuu/:code/danh-gia', limiter, (req: Request<{ code: string }>, res) => {
    ratingForm(res, 200, req.params.code);
  });

  r.post('/tra-cuu/:code/danh-gia', limiter, privately, form, async (req: Request<{ code: string }>, res) => {
    const { code } = req.params;
    const rating = RatingBody.safeParse(ratingOf(req));
    if (!rating.success) {
      return ratingForm(
        res,
        400,
        code,
        'Xin Ông/Bà chấm ít nhất một mục hoặc viết nhận xét (tối đa 2.000 ký tự).',
      );
    }
    try {
      await rateDossier(s, code, field(req, 'accessCode'), rating.data);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 409) return message(res, 409, code, 'Chưa ghi nhận đánh giá', err.message);
      return refused(res, code, err);
    }
    message(res, 200, code, 'Cảm ơn Ông/Bà đã đánh giá', 'Ý kiến của Ông/Bà đã được ghi nhận.');
  });

  return r;
}

function field(req: Request, name: string): string | undefined {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** The dossier's row when the code admits, or undefined once the refusal page is sent. */
async function admitted(s: Services, res: Response, code: string, accessCode: string | undefined) {
  try {
    return await s.accessCodes.admit(s.db, code, accessCode);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    refused(res, code, err);
    return undefined;
  }
}

/** A wrong code and an unknown dossier get the same page; too many wrong tries, 429 as on the API. */
function refused(res: Response, code: string, err: ApiError): void {
  if (err.status !== 403 && err.status !== 429) throw err;
  for (const [name, value] of Object.entries(err.headers ?? {})) res.set(name, value);
  const text =
    err.status === 429
      ? 'Mã truy cập đã bị nhập sai quá nhiều lần. Xin Ông/Bà thử lại sau ít phút.'
      : 'Mã hồ sơ hoặc mã truy cập không đúng. Xin Ông/Bà kiểm tra lại trên Giấy tiếp nhận hồ sơ.';
  message(res, err.status, code, 'Không mở được hồ sơ', text);
}

function message(res: Response, status: number, code: string, title: string, text: string) {
  page(res, status, 'holder-message', {
    title,
    text,
    href: trackingPath(code),
    back: `Về trang tra cứu hồ sơ ${code}`,
  });
}

/** What the holder may do now, each with a link that carries the code on in its fragment. */
async function actionsOf(s: Services, row: DossierRow, accessCode = '') {
  const path = trackingPath(row.code);
  const returned = row.statusKey === 'returned';
  const rated = returned && (await isRated(s.db, row.code));
  return {
    rate: returned && !rated ? withAccessCode(`${path}/danh-gia`, accessCode) : null,
    rated,
    // Online dossiers send their supplement on the page (api/site/online.ts); paper ones at the desk.
    supplement:
      row.statusKey === 'awaiting_supplement' && row.channel === 'online'
        ? withAccessCode(`/bo-sung/${row.code}`, accessCode)
        : null,
  };
}

/** The rating form's fields (score-<item> = 1..5, comment) as the rating endpoint takes them. */
function ratingOf(req: Request) {
  const scores = Object.fromEntries(
    RATING_ITEMS.flatMap((item) => {
      const value = field(req, `score-${item}`);
      return value ? [[item, Number(value)]] : [];
    }),
  );
  const comment = field(req, 'comment')?.trim();
  return { scores, ...(comment ? { comment } : {}) };
}

function ratingForm(res: Response, status: number, code: string, error?: string) {
  const items = RATING_ITEMS.map((id) => ({ id, label: RATING_ITEM_LABEL[id] }));
  const scores = SCORE_LABEL.map((label, i) => ({ value: i + 1, label }));
  page(res, status, 'holder-rating', {
    title: `Đánh giá hồ sơ ${code}`,
    code,
    href: trackingPath(code),
    items,
    scores,
    error,
  });
}
