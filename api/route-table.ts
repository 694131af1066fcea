import type {
  OpenAPIRegistry,
  ResponseConfig,
  RouteConfig,
  ZodContentObject,
  ZodRequestBody,
} from '@asteasolutions/zod-to-openapi';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { Db } from '../platform/database/client';
import type { DocumentLimits } from '../platform/documents';
import type { UserRole } from '../domain/vocabulary';
import { DailySequenceExhaustedError } from '../domain/dossier-code';
import type { TokenService, User } from './auth';
import type { RateLimitClass } from './services';
import {
  fieldIssues,
  forbidden,
  SerializedJson,
  needsOperator,
  toApiError,
  validationFailed,
  type FieldIssue,
  type Reply,
} from './errors';
import { idempotent, type AttemptMemory } from './idempotency';
import { ErrorSchema, IdempotencyHeaders } from './schemas';
import { isMultipart, readMultipart, type UploadedFile } from './uploads';

/**
 * One declaration per endpoint serves both sides: the Express route (authentication, role, parsing with
 * the zod schemas, Idempotency-Key, the error shape) and its OpenAPI operation. Handlers stay thin: they
 * get parsed input and return a status and a body.
 */
type Schema = z.ZodType | undefined;
/** Path parameters and queries are flat objects. */
type ObjectSchema = z.ZodObject | undefined;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P extends ObjectSchema, Q extends ObjectSchema, B extends Schema, U> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  /** The files of a multipart request to a route that takes them; none otherwise. */
  files: UploadedFile[];
  user: U;
  /** The Idempotency-Key header of an idempotent route, checked. */
  idempotencyKey?: string;
  /** With an Idempotency-Key: what an earlier, failed attempt under it remembered. */
  memory?: AttemptMemory;
  req: Request;
}

interface RouteBase<P extends ObjectSchema, Q extends ObjectSchema, B extends Schema> {
  method: 'get' | 'post';
  /** Express syntax (`/dossiers/:code`), relative to the table's prefix. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * Also takes multipart/form-data (after the caller is known): the JSON body as the text of the field
   * `payload`, files in the fields `description` names, at most `maxFiles`.
   */
  files?: { maxFiles: number; description: string };
  /** Changes state: honours Idempotency-Key. */
  idempotent?: boolean;
  /** A body in another content type than JSON (a PDF) is described as binary. */
  success: { status: number; description: string; schema: z.ZodType; contentType?: string };
  /** Answers beyond those every route of its kind may give (400 with input, 401, 413, 429, 503). */
  errors?: ReadonlyArray<401 | 403 | 404>;
  /** The 409 codes the route may answer. */
  conflicts?: readonly string[];
  /** Its rate-limit class when not the one its access and method give (sign-in). */
  rateLimit?: RateLimitClass;
  /** Fields every error answer carries besides `error`, for a caller that reads its own (the national portal). */
  errorFields?: Record<string, unknown>;
}

export interface PublicRoute<
  P extends ObjectSchema,
  Q extends ObjectSchema,
  B extends Schema,
> extends RouteBase<P, Q, B> {
  access: 'public';
  handle(input: RouteInput<P, Q, B, undefined>): Promise<Reply>;
}

export interface UserRoute<
  P extends ObjectSchema,
  Q extends ObjectSchema,
  B extends Schema,
> extends RouteBase<P, Q, B> {
  /** 'user': any signed-in user; a list: those roles only (others 403). */
  access: 'user' | readonly UserRole[];
  handle(input: RouteInput<P, Q, B, User>): Promise<Reply>;
}

type AnyRoute =
  PublicRoute<ObjectSchema, ObjectSchema, Schema> | UserRoute<ObjectSchema, ObjectSchema, Schema>;
type AnyHandler = (input: RouteInput<ObjectSchema, ObjectSchema, Schema, User | undefined>) => Promise<Reply>;

export interface RouteTableDeps {
  db: Db;
  tokens: TokenService;
  /** Run before each route of their class: every client (or, for staff, every token) gets a budget. */
  limiters: Record<RateLimitClass, RequestHandler>;
  /** Per file and per request (a dossier's files) of multipart routes. */
  documentLimits: DocumentLimits;
  /** Called after a state-changing request succeeded. */
  changed(): void;
}

export class RouteTable {
  readonly router = express.Router();

  constructor(
    private readonly prefix: string,
    private readonly registry: OpenAPIRegistry,
    private readonly deps: RouteTableDeps,
  ) {}

  add<P extends ObjectSchema, Q extends ObjectSchema, B extends Schema>(route: PublicRoute<P, Q, B>): void;
  add<P extends ObjectSchema, Q extends ObjectSchema, B extends Schema>(route: UserRoute<P, Q, B>): void;
  add(
    route: PublicRoute<ObjectSchema, ObjectSchema, Schema> | UserRoute<ObjectSchema, ObjectSchema, Schema>,
  ): void {
    const r: AnyRoute = route;
    this.registry.registerPath(this.operation(r));
    const limiter = this.deps.limiters[rateLimitClass(r)];
    this.router[r.method](r.path, limiter, async (req: Request, res: Response) => {
      const reply = await this.serve(r, req);
      send(res, r.errorFields && reply.status >= 400 ? withFields(reply, r.errorFields) : reply);
    });
  }

  private async serve(route: AnyRoute, req: Request): Promise<Reply> {
    try {
      const user = route.access === 'public' ? undefined : await this.authorize(route.access, req);
      const issues: FieldIssue[] = [];
      const parse = (location: string, schema: Schema, value: unknown): unknown => {
        if (!schema) return undefined;
        const result = schema.safeParse(value);
        if (result.success) return result.data;
        issues.push(...fieldIssues(location, result.error));
      };
      const upload =
        route.files && isMultipart(req)
          ? await readMultipart(req, this.deps.documentLimits, route.files.maxFiles)
          : undefined;
      if (upload) req.body = payloadOf(upload.fields, route.body !== undefined);
      const headers = parse('headers', route.idempotent ? IdempotencyHeaders : undefined, req.headers) as
        z.output<typeof IdempotencyHeaders> | undefined;
      const key = headers?.['idempotency-key'];
      const input = {
        params: parse('params', route.params, req.params),
        query: parse('query', route.query, req.query),
        // A POST without a body is an empty object, so that bodiless actions need no `{}`.
        body: parse('body', route.body, req.body ?? {}),
        files: upload?.files ?? [],
        user,
        idempotencyKey: key,
        req,
      } as Parameters<AnyHandler>[0];
      if (issues.length > 0) throw validationFailed(issues);
      const run = async (memory?: AttemptMemory) => {
        const reply = await (route.handle as AnyHandler)({ ...input, memory }).catch((err: unknown) =>
          errorReply(err, req),
        );
        if (route.idempotent && reply.status < 300) this.deps.changed();
        return reply;
      };
      if (!key) return await run();
      // A public caller is its client address, so that two citizens' keys never meet.
      const scope = `${user?.username ?? `public ${req.ip}`} ${req.method} ${this.prefix}${req.path}`;
      return await idempotent(this.deps.db, { key, scope, body: req.body ?? {} }, run);
    } catch (err) {
      return errorReply(err, req);
    }
  }

  private async authorize(access: 'user' | readonly UserRole[], req: Request): Promise<User> {
    const user = await this.deps.tokens.verify(req.headers.authorization);
    if (access !== 'user' && !access.includes(user.role)) {
      throw forbidden(`Vai trò ${user.role} không được thực hiện thao tác này`);
    }
    return user;
  }

  private operation(route: AnyRoute): RouteConfig {
    const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
    return {
      method: route.method,
      path: `${this.prefix}${route.path}`.replace(/:(\w+)/g, '{$1}'),
      tags: [route.tag],
      summary: route.summary,
      description: route.description,
      security: route.access === 'public' ? [] : [{ bearerAuth: [] }],
      request: {
        params: route.params,
        query: route.query,
        headers: route.idempotent ? IdempotencyHeaders : undefined,
        // Optional where an empty object is a valid body (accept): the API then takes none as `{}`.
        body: requestBody(route),
      },
      responses: {
        [route.success.status]: {
          description: route.success.description,
          content: route.success.contentType
            ? { [route.success.contentType]: { schema: { type: 'string', format: 'binary' } } }
            : json(route.success.schema),
        },
        ...errorResponses(route),
      },
    };
  }
}

function requestBody(route: AnyRoute): ZodRequestBody | undefined {
  const content: ZodContentObject = {};
  if (route.body) content['application/json'] = { schema: route.body };
  if (route.files) {
    content['multipart/form-data'] = {
      schema: {
        type: 'object',
        description: route.files.description,
        properties: {
          ...(route.body ? { payload: { type: 'string', description: 'The JSON body, as text' } } : {}),
        },
        additionalProperties: { type: 'string', format: 'binary' },
      },
    };
  }
  if (Object.keys(content).length === 0) return undefined;
  // Optional where an empty object is a valid body (accept): the API then takes none as `{}`.
  return { required: !route.body?.safeParse({}).success, content };
}

/** The JSON body of a multipart request: the text of its `payload` field. */
function payloadOf(fields: Map<string, string>, hasBody: boolean): unknown {
  const payload = fields.get('payload');
  if (!hasBody || payload === undefined) return {};
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    throw validationFailed([{ path: 'payload', message: 'malformed JSON' }]);
  }
}

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
} as const;

function errorResponses(route: AnyRoute): Record<number, ResponseConfig> {
  const error = (description: string, retry = false): ResponseConfig => ({
    description,
    content: { 'application/json': { schema: ErrorSchema } },
    ...(retry ? { headers: RETRY_AFTER } : {}),
  });
  const out: Record<number, ResponseConfig> = {};
  if (route.params || route.query || route.body || route.idempotent) {
    out[400] = error(
      'VALIDATION_FAILED: path, query, header or body fails its schema; details list the fields',
    );
  }
  if (route.access !== 'public') out[401] = error('UNAUTHENTICATED: missing, expired or bad token');
  if (route.errors?.includes(401)) out[401] = error("UNAUTHENTICATED: missing or wrong caller's secret");
  if (route.access !== 'public' && route.access !== 'user')
    out[403] = error('FORBIDDEN: role may not do this');
  if (route.errors?.includes(403))
    out[403] = error('FORBIDDEN: role or agency may not do this to this dossier');
  if (route.errors?.includes(404)) out[404] = error('NOT_FOUND');
  const conflicts = [
    ...(route.conflicts ?? []),
    ...(route.idempotent ? ['IDEMPOTENCY_KEY_IN_PROGRESS'] : []),
  ];
  if (conflicts.length > 0) out[409] = error(`One of: ${conflicts.join(', ')}`);
  if (route.body) out[413] = error('PAYLOAD_TOO_LARGE: body over 100 kB');
  out[429] = error('RATE_LIMITED: too many requests from this client (or token) in this route class', true);
  if (route.body || route.query || route.idempotent) {
    out[422] = error(
      [
        ...(route.body || route.query
          ? ['A calendar code (NO_CALENDAR_DATA, INVALID_DATE, …): a date the working calendar cannot place']
          : []),
        ...(route.idempotent ? ['IDEMPOTENCY_KEY_REUSED: this key came with another body'] : []),
      ].join('; '),
    );
  }
  out[503] = error(
    'TEMPORAL_UNAVAILABLE or DATABASE_UNAVAILABLE: nothing was done; retry later. DAILY_SEQUENCE_EXHAUSTED: ' +
      'the desk has issued all dossier codes of the day',
    true,
  );
  return out;
}

/** The error's contract answer; unexpected errors are logged with their stack, which the client never sees. */
export function errorReply(err: unknown, req: Request): Reply {
  const apiError = toApiError(err);
  if (err instanceof DailySequenceExhaustedError) {
    // An alert: no retry helps before the next day, the desk's counter cannot receive anyone.
    req.log.error({ err, desk: err.agencyIdentifier, day: err.day }, 'desk out of dossier codes for the day');
  } else if (needsOperator(apiError)) req.log.error({ err }, 'request failed');
  else if (apiError.status === 503) req.log.warn({ cause: String(err) }, 'backend unavailable');
  return apiError.reply();
}

/** An error answer with the fields a caller of its own reads added to its body. */
export function withFields(reply: Reply, fields: Record<string, unknown>): Reply {
  return { ...reply, body: { ...fields, ...(reply.body as object) } };
}

export function send(res: Response, reply: Reply): void {
  res.status(reply.status).set(reply.headers ?? {});
  if (reply.body === undefined) res.end();
  else if (Buffer.isBuffer(reply.body)) res.send(reply.body);
  else if (reply.body instanceof SerializedJson) {
    res.type('json').set('ETag', reply.body.etag).send(reply.body.bytes);
  } else res.json(reply.body);
}

function rateLimitClass(route: AnyRoute): RateLimitClass {
  if (route.rateLimit) return route.rateLimit;
  if (route.access !== 'public') return 'staff';
  return route.method === 'get' ? 'publicRead' : 'publicWrite';
}
