import type { PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import cors from 'cors';
import express, { type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { Db } from '../../platform/database/client';
import { passwordLogin, type TokenService } from '../auth';
import { ApiError, fieldIssues, unauthenticated, validationFailed } from '../errors';
import { errorReply, send } from '../route-table';

/**
 * The codec server of Temporal's remote-codec protocol: the Temporal UI (and `temporal … --codec-endpoint`)
 * POSTs `{payloads: [{metadata, data}]}` with base64 fields to /codec/decode or /codec/encode and an
 * X-Namespace header, and gets the payloads back decoded or encoded. Only a signed-in staff member is
 * answered: a bearer token, as the CLI (`--codec-auth`) or a UI passing its user's token sends it, or the
 * session cookie that /codec/login sets for a browser whose Temporal UI includes credentials.
 */
export interface CodecServerOptions {
  codec: PayloadCodec;
  /** Origins of the Temporal UI that may call from a browser (CORS); nobody else may. */
  uiOrigins: readonly string[];
}

interface CodecServerDeps extends CodecServerOptions {
  namespace: string;
  tokens: TokenService;
  db: Db;
  publicBaseUrl: string;
}

const SESSION_COOKIE = 'motcua_codec';
/** A Temporal payload may be 2 MB, and base64 adds a third. */
const BODY_LIMIT = '4mb';
const parseJson = express.json({ limit: BODY_LIMIT });

const PayloadsBody = z.object({
  payloads: z.array(
    z.object({ metadata: z.record(z.string(), z.base64()).optional(), data: z.base64().optional() }),
  ),
});

export function codecServer(deps: CodecServerDeps): express.Router {
  const router = express.Router();
  router.use(
    cors({
      origin: [...deps.uiOrigins],
      credentials: true,
      methods: ['POST'],
      allowedHeaders: ['Content-Type', 'X-Namespace', 'Authorization', 'Authorization-Extras'],
      maxAge: 600,
    }),
  );
  const signedIn = async (req: Request) => {
    const cookie = parseCookies(req.get('cookie') ?? '')[SESSION_COOKIE];
    return deps.tokens.verify(req.get('authorization') ?? (cookie ? `Bearer ${cookie}` : undefined));
  };
  for (const direction of ['decode', 'encode'] as const) {
    router.post(`/${direction}`, async (req, res) => {
      try {
        await signedIn(req);
        const namespace = req.get('x-namespace');
        if (namespace !== undefined && namespace !== deps.namespace) {
          throw validationFailed([{ path: 'headers.x-namespace', message: `not ${deps.namespace}` }]);
        }
        const body = PayloadsBody.safeParse(await jsonBody(req, res));
        if (!body.success) throw validationFailed(fieldIssues('body', body.error));
        const { payloads } = temporal.api.common.v1.Payloads.fromObject(body.data);
        const converted = await deps.codec[direction](payloads).catch((err: unknown) => {
          throw new ApiError(422, 'PAYLOAD_UNREADABLE', String((err as Error).message ?? err));
        });
        const answer = temporal.api.common.v1.Payloads.create({ payloads: converted });
        res.json(temporal.api.common.v1.Payloads.toObject(answer, { bytes: String }));
      } catch (err) {
        send(res, errorReply(err, req));
      }
    });
  }
  sessionRoutes(router, deps);
  return router;
}

/** Parsed only after the caller is known, so that nobody unauthenticated makes us read megabytes. */
function jsonBody(req: Request, res: Response): Promise<unknown> {
  return new Promise((resolve, reject) =>
    parseJson(req, res, (err?: unknown) =>
      err
        ? reject(validationFailed([{ path: 'body', message: 'malformed or too large JSON' }]))
        : resolve(req.body),
    ),
  );
}

/** A plain form that signs a browser in for the codec endpoint only (cookie path /codec). */
function sessionRoutes(router: express.Router, deps: CodecServerDeps): void {
  const login = passwordLogin(deps.db);
  const page = (res: Response, status: number, message: string) =>
    res.status(status).type('html').send(`<!doctype html><html lang="vi"><meta charset="utf-8">
<title>MotCua: giải mã dữ liệu Temporal</title><h1>Giải mã dữ liệu Temporal</h1><p>${message}</p>
<form method="post" action="login"><label>Tên đăng nhập <input name="username" autocomplete="username"></label>
<label>Mật khẩu <input name="password" type="password" autocomplete="current-password"></label>
<button>Đăng nhập</button></form></html>`);
  router.get(
    '/login',
    (_req, res) => void page(res, 200, 'Đăng nhập để Temporal UI hiển thị dữ liệu đã mã hóa.'),
  );
  router.post(
    '/login',
    rateLimit({ windowMs: 60_000, limit: 10, standardHeaders: 'draft-8', legacyHeaders: false }),
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res) => {
      const { username, password } = (req.body ?? {}) as Record<string, unknown>;
      try {
        if (typeof username !== 'string' || typeof password !== 'string') throw unauthenticated();
        const { token } = await deps.tokens.issue(await login(username, password));
        res.setHeader(
          'Set-Cookie',
          serializeCookie(SESSION_COOKIE, token, {
            httpOnly: true,
            sameSite: 'strict',
            secure: deps.publicBaseUrl.startsWith('https:'),
            path: '/codec',
          }),
        );
        page(res, 200, `Đã đăng nhập: ${escapeHtml(username)}. Temporal UI giải mã được dữ liệu của hồ sơ.`);
      } catch (err) {
        const reply = errorReply(err, req);
        if (reply.headers?.['Retry-After']) res.setHeader('Retry-After', reply.headers['Retry-After']);
        page(
          res,
          reply.status,
          reply.status === 429
            ? 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau.'
            : 'Tên đăng nhập hoặc mật khẩu không đúng.',
        );
      }
    },
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
