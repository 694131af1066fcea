import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { createHash } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { serve as serveSwaggerUi, setup as setupSwaggerUi } from 'swagger-ui-express';
import { isDatabaseReachable } from '../platform/database/client';
import { tokenService } from './auth';
import { actionRoutes } from './endpoints/actions';
import { authRoutes } from './endpoints/auth';
import { catalogueRoutes } from './endpoints/catalogue';
import { codecServer } from './endpoints/codec';
import { documentRoutes } from './endpoints/documents';
import { dossierRoutes } from './endpoints/dossiers';
import { formRoutes } from './endpoints/forms';
import { indicatorRoutes } from './endpoints/indicators';
import { portalRoutes } from './endpoints/portal';
import { PORTAL_INBOUND_PATH, portalInboundEntry, portalInboundRoutes } from './endpoints/portal-inbound';
import { feedbackRoutes } from './endpoints/feedback';
import { publicRoutes } from './endpoints/public';
import { userRoutes } from './endpoints/users';
import { ApiError, notFound, unavailable, validationFailed } from './errors';
import { errorReply, RouteTable, send } from './route-table';
import { ErrorSchema, HealthSchema } from './schemas';
import { services, type ApiDeps, type RateLimit, type RateLimitClass } from './services';
import { leadersDashboard } from './site/dashboard/routes';
import { feedbackPages } from './site/feedback';
import { onlineForms } from './site/online';
import { citizenSite } from './site/routes';
import { dossierWorkflows } from './workflows';

export type { ApiDeps } from './services';

export const API_BASE = '/api/v1';
const BODY_LIMIT = '100kb';
const MINUTE_MS = 60_000;
const DEFAULT_RATE_LIMITS: Record<RateLimitClass, RateLimit> = {
  login: { windowMs: MINUTE_MS, limit: 10 },
  publicRead: { windowMs: MINUTE_MS, limit: 120 },
  publicWrite: { windowMs: MINUTE_MS, limit: 20 },
  staff: { windowMs: MINUTE_MS, limit: 600 },
};

/** The clerk and public REST API (its contract is /openapi.json), its OpenAPI document and Swagger UI, /health, and the citizens' pages. */
export function createApp(deps: ApiDeps): express.Express {
  const workflows = dossierWorkflows(deps.temporal, deps.taskQueue, {
    callMs: deps.temporalTimeoutMs ?? 10_000,
    healthMs: 2_000,
    portalSyncMs: 1_000,
  });
  const s = services(deps, workflows);
  const tokens = tokenService(deps.jwtSecret, deps.tokenTtl, deps.db);
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  const rateLimits = limiters({ ...DEFAULT_RATE_LIMITS, ...deps.rateLimits });
  const table = new RouteTable(API_BASE, registry, {
    db: deps.db,
    tokens,
    limiters: rateLimits,
    documentLimits: deps.documents.limits,
    changed: () => s.reads.clear(),
  });
  authRoutes(table, deps.db, tokens);
  userRoutes(table, deps.db, tokens);
  catalogueRoutes(table, s);
  dossierRoutes(table, s);
  actionRoutes(table, s);
  documentRoutes(table, s);
  publicRoutes(table, s);
  formRoutes(table, s, deps.forms);
  indicatorRoutes(table, s);
  portalRoutes(table, s);
  portalInboundRoutes(table, s);
  feedbackRoutes(table, s);
  registerHealth(registry);
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'MotCua: clerk and public API',
      version: '1.0.0',
      description:
        'Vietnamese one-stop administrative procedures (Decree 118/2025). Times are ISO 8601 in Asia/Ho_Chi_Minh ' +
        '(+07:00). Errors are `{error: {code, message, details}}`; lists are `{items, total, page, pageSize}`.',
    },
    servers: [{ url: s.baseUrl }],
  });

  const app = express();
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(
    pinoHttp({
      logger: deps.logger,
      // Neither bodies nor headers (Authorization) nor query strings (a search may be a citizen's name).
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // pino-http invents an Error for every 5xx; the route table logs the real cause instead.
      customErrorObject: (_req, _res, _err, val: Record<string, unknown>) => ({ ...val, err: undefined }),
    }),
  );
  app.use(helmet());
  // Before the JSON parser: the codec endpoint reads larger bodies, and only once the caller is known.
  if (deps.codecServer) {
    const { namespace } = deps.temporal.options;
    const codec = { ...deps.codecServer, namespace, tokens, db: deps.db, publicBaseUrl: s.baseUrl };
    app.use('/codec', codecServer(codec));
  }
  // Before the JSON parser: the portal's pushes carry files, and are read only once the portal is known.
  app.use(
    `${API_BASE}${PORTAL_INBOUND_PATH}`,
    portalInboundEntry(deps.portalInbound, deps.documents.limits, deps.logger),
  );
  app.use(express.json({ limit: BODY_LIMIT }));

  app.get('/health', async (req, res) => {
    const [temporal, database] = await Promise.all([
      workflows.reachable(),
      isDatabaseReachable(deps.db, 2_000),
    ]);
    if (temporal && database) return void res.json({ status: 'ok', temporal: 'up', database: 'up' });
    const error = unavailable(temporal ? 'DATABASE_UNAVAILABLE' : 'TEMPORAL_UNAVAILABLE');
    const details = [{ temporal: temporal ? 'up' : 'down', database: database ? 'up' : 'down' }];
    send(res, new ApiError(503, error.code, error.message, details, error.headers).reply());
  });
  app.get('/openapi.json', (_req, res) => void res.json(document));
  app.use('/docs', serveSwaggerUi, setupSwaggerUi(document));
  app.use(API_BASE, table.router);
  app.use(leadersDashboard(s, tokens, rateLimits.login));
  app.use(citizenSite(s, rateLimits.publicRead));
  app.use(onlineForms(s, rateLimits.publicWrite));
  app.use(feedbackPages(s, rateLimits.publicWrite));
  app.use((req, res) => send(res, notFound(`đường dẫn ${req.method} ${req.path}`).reply()));
  app.use(bodyErrors);
  return app;
}

function limiters(limits: Record<RateLimitClass, RateLimit>): Record<RateLimitClass, RequestHandler> {
  return {
    login: limiter(limits.login),
    publicRead: limiter(limits.publicRead),
    publicWrite: limiter(limits.publicWrite),
    staff: limiter(limits.staff, staffKey),
  };
}

/** Staff share offices and proxies: their budget follows the token, not the address. */
function staffKey(req: Request): string {
  const authorization = req.get('authorization');
  return authorization
    ? createHash('sha256').update(authorization).digest('base64url')
    : ipKeyGenerator(req.ip ?? '');
}

function limiter({ windowMs, limit }: RateLimit, keyGenerator?: (req: Request) => string) {
  return rateLimit({
    windowMs,
    limit,
    ...(keyGenerator ? { keyGenerator } : {}),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) =>
      send(res, new ApiError(429, 'RATE_LIMITED', 'Quá nhiều yêu cầu, vui lòng thử lại sau').reply()),
  });
}

/** What the JSON body parser throws, in the contract's shape; anything else as any other error. */
function bodyErrors(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const type = (err as { type?: unknown }).type;
  if (type === 'entity.too.large') {
    return send(
      res,
      new ApiError(413, 'PAYLOAD_TOO_LARGE', `Dữ liệu gửi lên vượt quá ${BODY_LIMIT}`).reply(),
    );
  }
  if (type === 'entity.parse.failed') {
    return send(res, validationFailed([{ path: 'body', message: 'malformed JSON' }]).reply());
  }
  // The router's decoding of a path parameter such as /dossiers/%E0.
  if (err instanceof URIError) {
    return send(res, validationFailed([{ path: 'path', message: 'malformed percent-encoding' }]).reply());
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return send(res, new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Chỉ nhận JSON mã hóa UTF-8').reply());
  }
  send(res, errorReply(err, req));
}

function registerHealth(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/health',
    tags: ['System'],
    summary: 'Temporal and the database reachable',
    responses: {
      200: { description: 'Both up', content: { 'application/json': { schema: HealthSchema } } },
      503: {
        description: 'TEMPORAL_UNAVAILABLE or DATABASE_UNAVAILABLE; details say which is down',
        content: { 'application/json': { schema: ErrorSchema } },
      },
    },
  });
}
