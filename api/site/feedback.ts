import express, { type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import {
  fileFeedback,
  followFeedback,
  publishedFeedback,
  rateFeedback,
  supplementFeedback,
} from '../endpoints/feedback';
import { ApiError } from '../errors';
import { FeedbackRatingBody, FeedbackSupplementBody, PublicFeedbackBody } from '../schemas';
import type { Services } from '../services';
import { FEEDBACK_CATEGORY, FEEDBACK_STATUS } from './labels';
import { page } from './render';
import { pageSecurity } from './routes';

type Case = Awaited<ReturnType<typeof followFeedback>>;

const FIELD_LABEL: Record<string, string> = {
  category: 'Loại phản ánh',
  subject: 'Tiêu đề',
  content: 'Nội dung',
  fullName: 'Họ và tên',
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
  dossierCode: 'Mã hồ sơ liên quan',
};

export function feedbackPath(code: string): string {
  return `/phan-anh/${encodeURIComponent(code)}`;
}

/**
 * The citizen's feedback (phản ánh, kiến nghị) pages: the form with the published answers under it, and
 * a case followed, added to when asked and rated with its access code. They call the services of the public feedback
 * endpoints, so the rules, the access-code guard and its count of wrong tries are the API's own. The
 * access code only travels in POSTed forms (a link carries it in the fragment, see assets/access-code.js).
 */
export function feedbackPages(s: Services, limiter: RequestHandler): express.Router {
  const r = express.Router();
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 20 });
  r.use('/phan-anh', pageSecurity, (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  r.get('/phan-anh', async (_req, res) => {
    await feedbackForm(res, s, 200, {}, []);
  });

  r.post('/phan-anh', limiter, form, async (req, res) => {
    const entered = Object.fromEntries(
      [...Object.keys(FIELD_LABEL), 'dossierAccessCode'].map((k) => [k, field(req, k)?.trim() || undefined]),
    );
    const parsed = PublicFeedbackBody.safeParse({
      category: entered.category,
      subject: entered.subject,
      content: entered.content,
      contact: { fullName: entered.fullName, phone: entered.phone, email: entered.email },
      consentToPublish: field(req, 'consentToPublish') === 'yes',
      ...(entered.dossierCode ? { dossierCode: entered.dossierCode } : {}),
    });
    if (!parsed.success)
      return feedbackForm(
        res,
        s,
        400,
        entered,
        parsed.error.issues.map((issue) => problemOf(issue)),
      );
    try {
      const { body } = await fileFeedback(s, parsed.data, entered.dossierAccessCode);
      page(res, 201, 'feedback-filed', {
        title: 'Đã gửi phản ánh',
        created: body,
        href: feedbackPath(body.code),
      });
    } catch (err) {
      if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 429)) throw err;
      for (const [name, value] of Object.entries(err.headers ?? {})) res.set(name, value);
      await feedbackForm(res, s, err.status, entered, [
        'Mã hồ sơ liên quan hoặc mã truy cập của hồ sơ đó không đúng.',
      ]);
    }
  });

  r.get('/phan-anh/:code', limiter, (req: Request<{ code: string }>, res) => {
    casePage(res, 200, req.params.code, null);
  });

  r.post('/phan-anh/:code', limiter, form, async (req: Request<{ code: string }>, res) => {
    const { code } = req.params;
    const accessCode = field(req, 'accessCode');
    try {
      casePage(res, 200, code, await followFeedback(s, code, accessCode), accessCode);
    } catch (err) {
      refused(res, code, err);
    }
  });

  r.post('/phan-anh/:code/bo-sung', limiter, form, async (req: Request<{ code: string }>, res) => {
    const { code } = req.params;
    const accessCode = field(req, 'accessCode');
    const supplement = FeedbackSupplementBody.safeParse({ content: field(req, 'content')?.trim() });
    try {
      if (!supplement.success) {
        const view = await followFeedback(s, code, accessCode);
        return casePage(
          res,
          400,
          code,
          view,
          accessCode,
          'Xin nhập thông tin bổ sung (tối đa 10.000 ký tự).',
        );
      }
      const view = await supplementFeedback(s, code, accessCode, supplement.data);
      casePage(res, 200, code, view, accessCode, 'Đã gửi thông tin bổ sung.');
    } catch (err) {
      await conflictOrRefused(s, res, code, accessCode, err);
    }
  });

  r.post('/phan-anh/:code/danh-gia', limiter, form, async (req: Request<{ code: string }>, res) => {
    const { code } = req.params;
    const accessCode = field(req, 'accessCode');
    const comment = field(req, 'comment')?.trim();
    const rating = FeedbackRatingBody.safeParse({
      satisfied: field(req, 'satisfied') === 'yes',
      ...(comment ? { comment } : {}),
    });
    try {
      if (!rating.success) {
        const view = await followFeedback(s, code, accessCode);
        return casePage(res, 400, code, view, accessCode, 'Nhận xét tối đa 2.000 ký tự.');
      }
      const view = await rateFeedback(s, code, accessCode, rating.data);
      casePage(res, 201, code, view, accessCode, 'Cảm ơn Ông/Bà đã cho biết ý kiến về câu trả lời.');
    } catch (err) {
      await conflictOrRefused(s, res, code, accessCode, err);
    }
  });

  return r;
}

function field(req: Request, name: string): string | undefined {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

async function feedbackForm(
  res: Response,
  s: Services,
  status: number,
  entered: Record<string, string | undefined>,
  problems: string[],
) {
  const published = await publishedFeedback(s, { page: 1, pageSize: 20 });
  page(res, status, 'feedback-form', {
    title: 'Phản ánh, kiến nghị',
    categories: Object.entries(FEEDBACK_CATEGORY).map(([value, label]) => ({ value, label })),
    categoryLabel: FEEDBACK_CATEGORY,
    entered,
    problems,
    published: published.items,
  });
}

/** The case for the holder of its code, or (case null) the form that asks for the code. */
function casePage(
  res: Response,
  status: number,
  code: string,
  view: Case | null,
  accessCode = '',
  notice?: string,
) {
  page(res, status, 'feedback-case', {
    title: `Phản ánh ${code}`,
    code,
    href: feedbackPath(code),
    view,
    statusLabel: view ? FEEDBACK_STATUS[view.status] : '',
    categoryLabel: view ? FEEDBACK_CATEGORY[view.category] : '',
    // Rated once the answer came, while the case is still open.
    canRate: view !== null && !view.rating && (view.status === 'answered' || view.status === 'published'),
    accessCode,
    notice,
  });
}

/** An action the case's state refuses (done once already) shows the case with the reason. */
async function conflictOrRefused(
  s: Services,
  res: Response,
  code: string,
  accessCode: string | undefined,
  err: unknown,
) {
  if (!(err instanceof ApiError && err.status === 409)) return refused(res, code, err);
  casePage(res, 409, code, await followFeedback(s, code, accessCode), accessCode, err.message);
}

/** A wrong code and an unknown case get the same page; too many wrong tries, 429 as on the API. */
function refused(res: Response, code: string, err: unknown): void {
  if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 429)) throw err;
  for (const [name, value] of Object.entries(err.headers ?? {})) res.set(name, value);
  const text =
    err.status === 429
      ? 'Mã truy cập đã bị nhập sai quá nhiều lần. Xin Ông/Bà thử lại sau ít phút.'
      : 'Mã phản ánh hoặc mã truy cập không đúng. Xin Ông/Bà kiểm tra lại.';
  page(res, err.status, 'holder-message', {
    title: 'Không mở được phản ánh',
    text,
    href: feedbackPath(code),
    back: `Về trang phản ánh ${code}`,
  });
}

function problemOf(issue: z.core.$ZodIssue): string {
  const name = issue.path[issue.path.length - 1];
  const label = typeof name === 'string' ? FIELD_LABEL[name] : undefined;
  if (label) return `${label}: chưa hợp lệ.`;
  return 'Thông tin gửi lên chưa hợp lệ.';
}
