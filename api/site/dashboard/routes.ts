import path from 'node:path';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { Eta } from 'eta';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { indicatorReport } from '../../../domain/indicators';
import { vietnamDateKey } from '../../../domain/calendar/workflow-safe';
import { monthlyOnTime, periodCounts } from '../../../platform/database/indicators';
import { worklistPage } from '../../../platform/database/repositories/dossiers';
import { passwordLogin, type TokenService, type User } from '../../auth';
import { exported, IndicatorQuery, indicatorScopeFor } from '../../endpoints/indicators';
import { ApiError } from '../../errors';
import { errorReply } from '../../route-table';
import type { Services } from '../../services';
import { pageSecurity } from '../routes';
import { dashboardView, urgentList } from './model';

/**
 * The leaders' dashboard: a staff login form and the Decision 766 indicators of a period and agency,
 * with charts drawn by Chart.js from the page's own tables (the tables are the page without JS).
 */
export const DASHBOARD_PATH = '/quan-ly';
const LOGIN_PATH = `${DASHBOARD_PATH}/dang-nhap`;
const SESSION_COOKIE = 'motcua_staff';
const ROLES: readonly string[] = ['leader', 'receiver', 'admin'];
/** Open dossiers due within this many days are listed as nearly due. */
const NEARLY_DUE_DAYS = 3;
const URGENT_ROWS = 20;
const RUNNING: string[] = ['received', 'processing', 'awaiting_supplement', 'awaiting_payment'];
const DAY_MS = 86_400_000;

const eta = new Eta({ views: path.join(__dirname, 'templates'), cache: true });
const CHART_JS = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');

export function leadersDashboard(
  s: Services,
  tokens: TokenService,
  loginLimit: RequestHandler,
): express.Router {
  const router = express.Router();
  const login = passwordLogin(s.db);
  const secure = s.baseUrl.startsWith('https:');
  const cookie = (value: string, maxAge?: number) =>
    serializeCookie(SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'strict',
      secure,
      path: DASHBOARD_PATH,
      ...(maxAge === undefined ? {} : { maxAge }),
    });

  router.use(`${DASHBOARD_PATH}/assets`, express.static(path.join(__dirname, 'assets'), { maxAge: '1d' }));
  router.get(`${DASHBOARD_PATH}/assets/chart.umd.min.js`, (_req, res) =>
    res.sendFile(CHART_JS, { maxAge: '1d' }),
  );
  router.use(DASHBOARD_PATH, pageSecurity);

  router.get(LOGIN_PATH, (_req, res) => page(res, 200, 'login', { title: 'Đăng nhập', message: null }));

  router.post(
    LOGIN_PATH,
    sameOrigin,
    loginLimit,
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res) => {
      const { username, password } = (req.body ?? {}) as Record<string, unknown>;
      try {
        if (typeof username !== 'string' || typeof password !== 'string') {
          throw new ApiError(401, 'UNAUTHENTICATED', '');
        }
        const { token } = await tokens.issue(await login(username, password));
        res.setHeader('Set-Cookie', cookie(token));
        res.redirect(303, DASHBOARD_PATH);
      } catch (err) {
        const reply = errorReply(err, req);
        if (reply.status !== 401 && reply.status !== 429) throw err;
        const message =
          reply.status === 429
            ? 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau.'
            : 'Tên đăng nhập hoặc mật khẩu không đúng.';
        page(res, reply.status, 'login', { title: 'Đăng nhập', message });
      }
    },
  );

  router.post(`${DASHBOARD_PATH}/dang-xuat`, sameOrigin, (_req, res) => {
    res.setHeader('Set-Cookie', cookie('', 0));
    res.redirect(303, LOGIN_PATH);
  });

  router.get(DASHBOARD_PATH, async (req, res) => {
    const user = await signedIn(tokens, req);
    if (!user) return res.redirect(303, LOGIN_PATH);
    if (!ROLES.includes(user.role)) {
      return page(res, 403, 'message', {
        title: 'Không có quyền',
        message: 'Bảng chỉ tiêu dành cho lãnh đạo, cán bộ Bộ phận Một cửa và quản trị viên.',
        user,
      });
    }
    const today = vietnamDateKey(s.now());
    const asked = Object.fromEntries(
      Object.entries(req.query).filter(([, v]) => typeof v === 'string' && v !== ''),
    );
    const query = IndicatorQuery.safeParse({ from: `${today.slice(0, 8)}01`, to: today, ...asked });
    if (!query.success) {
      const message = query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return page(res, 400, 'message', { title: 'Kỳ báo cáo không hợp lệ', message, user });
    }
    try {
      const { counted, period, scope } = indicatorScopeFor(s, user, query.data);
      const [counts, trend] = await Promise.all([periodCounts(s.db, counted), monthlyOnTime(s.db, counted)]);
      const report = indicatorReport(counts, period, scope);
      if (query.data.format === 'csv' || query.data.format === 'xlsx') {
        const file = await exported(report, query.data.format);
        return res
          .type(file.type)
          .set('Content-Disposition', `attachment; filename="${file.filename}"`)
          .send(file.body);
      }
      const urgent = await worklistPage(
        s.db,
        {
          agencies: scope.agency ? [scope.agency] : [],
          statuses: RUNNING,
          dueBefore: new Date(s.now().getTime() + NEARLY_DUE_DAYS * DAY_MS),
        },
        { skip: 0, take: URGENT_ROWS },
      );
      const exportQuery = (format: string) =>
        `?${String(new URLSearchParams({ from: period.from, to: period.to, ...(scope.agency ? { agency: scope.agency } : {}), format }))}`;
      page(res, 200, 'dashboard', {
        title: 'Chỉ tiêu Quyết định 766',
        user,
        period,
        periodText: { from: dayMonthYear(period.from), to: dayMonthYear(period.to) },
        agency: scope.agency,
        agencyName: scope.agency ? (s.agency(scope.agency)?.name ?? scope.agency) : 'Tất cả đơn vị',
        agencies: user.role === 'leader' ? null : s.agencies.map((a) => ({ code: a.code, name: a.name })),
        view: dashboardView(report, trend),
        urgent: { total: urgent.total, items: urgentList(urgent.rows, s.now()), days: NEARLY_DUE_DAYS },
        exports: { csv: exportQuery('csv'), xlsx: exportQuery('xlsx') },
      });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      page(res, err.status, 'message', { title: 'Không xem được chỉ tiêu', message: err.message, user });
    }
  });

  return router;
}

/** 2025-11-30 as Vietnamese write it: 30/11/2025. */
const dayMonthYear = (date: string) => date.split('-').reverse().join('/');

async function signedIn(tokens: TokenService, req: Request): Promise<User | null> {
  const token = parseCookies(req.get('cookie') ?? '')[SESSION_COOKIE];
  if (!token) return null;
  return tokens.verify(`Bearer ${token}`).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  });
}

/**
 * Forms post from this origin only. The cookie is SameSite=Strict, so no other site can post with it;
 * this also stops another site from signing a browser in under its own account (login CSRF).
 */
function sameOrigin(req: Request, res: Response, next: NextFunction): void {
  // Under the no-referrer policy browsers post Origin: null, so Sec-Fetch-Site decides; Origin only
  // for browsers too old to send it.
  const site = req.get('sec-fetch-site');
  const origin = req.get('origin');
  const crossSite =
    site !== undefined
      ? site !== 'same-origin' && site !== 'none'
      : origin !== undefined && (origin === 'null' || new URL(origin).host !== req.get('host'));
  if (crossSite) {
    page(res, 403, 'message', {
      title: 'Không có quyền',
      message: 'Biểu mẫu phải được gửi từ chính trang này.',
    });
    return;
  }
  next();
}

function page(res: Response, status: number, template: string, data: Record<string, unknown>): void {
  res
    .status(status)
    .type('html')
    .send(eta.render(template, { user: null, ...data }));
}
