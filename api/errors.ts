import { createHash } from 'node:crypto';
import {
  isGrpcServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { z } from 'zod';
import type { CalendarErrorCode } from '../domain/calendar/errors';
import type { DailySequenceExhaustedError } from '../domain/dossier-code';
import { TRANSITION_CODES, type RefusalCode, type TransitionCode } from '../domain/dossier/errors';
import { isDomainError } from '../domain/errors';
import { FEEDBACK_REFUSALS, type FeedbackRefusal } from '../domain/feedback/errors';
import type { ProcedureDefinitionError } from '../domain/procedure';
import { isDatabaseUnavailableError } from '../platform/database/errors';

/**
 * Every error the API answers has the contract's shape `{error: {code, message, details}}`. Messages that
 * clerks and citizens read are Vietnamese; codes stay English.
 */
export interface ErrorBody {
  error: { code: string; message: string; details: unknown[] };
}

export interface Reply {
  status: number;
  /** Sent as JSON; a Buffer as it is; a SerializedJson as the JSON text it holds. */
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * An answer already serialised (a shared read), sent without serialising it again: its bytes and its ETag
 * (the weak one express would compute) are made once for every request that shares it.
 */
export class SerializedJson {
  readonly bytes: Buffer;
  readonly etag: string;

  constructor(text: string) {
    this.bytes = Buffer.from(text);
    const digest = createHash('sha1').update(this.bytes).digest('base64').slice(0, 27);
    this.etag = `W/"${this.bytes.length.toString(16)}-${digest}"`;
  }
}

/** Seconds a client should wait before retrying against a backend that is down. */
const RETRY_AFTER_SECONDS = 5;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  reply(): Reply {
    const body: ErrorBody = { error: { code: this.code, message: this.message, details: this.details } };
    return { status: this.status, body, headers: this.headers };
  }
}

export const unauthenticated = (message = 'Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn') =>
  new ApiError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message: string) => new ApiError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new ApiError(404, 'NOT_FOUND', `Không tìm thấy ${what}`);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);
export const unavailable = (code: 'TEMPORAL_UNAVAILABLE' | 'DATABASE_UNAVAILABLE') =>
  new ApiError(
    503,
    code,
    code === 'TEMPORAL_UNAVAILABLE'
      ? 'Hệ thống xử lý hồ sơ tạm thời không phản hồi, vui lòng thử lại sau'
      : 'Cơ sở dữ liệu tạm thời không phản hồi, vui lòng thử lại sau',
    [],
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );

export interface FieldIssue {
  path: string;
  message: string;
}

export function validationFailed(details: FieldIssue[]): ApiError {
  return new ApiError(400, 'VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ', details);
}

/** Zod issues as `{path, message}` with paths like `body.documents[0].name`. */
export function fieldIssues(location: string, error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = formatPath([location, ...issue.path]);
    // An unknown key is reported on its parent; name the key itself, which is what the client must drop.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([location, ...issue.path, key]),
        message: 'unknown field',
      }));
    }
    return [{ path, message: issue.message }];
  });
}

function formatPath(parts: PropertyKey[]): string {
  return parts.reduce<string>(
    (path, part) =>
      typeof part === 'number' ? `${path}[${part}]` : path ? `${path}.${String(part)}` : String(part),
    '',
  );
}

type DomainErrorCode =
  | RefusalCode
  | FeedbackRefusal
  | CalendarErrorCode
  | DailySequenceExhaustedError['code']
  | ProcedureDefinitionError['code'];

/** The one table from the domain's codes to HTTP: a new code does not compile until it has its answer. */
const DOMAIN_ERROR_STATUS: Record<DomainErrorCode, number> = {
  FORBIDDEN: 403,
  VALIDATION_FAILED: 400,
  ...(Object.fromEntries(TRANSITION_CODES.map((code) => [code, 409])) as Record<TransitionCode, 409>),
  // A feedback case's refusals are 409 with their code, FORBIDDEN above excepted.
  ...(Object.fromEntries(FEEDBACK_REFUSALS.filter((c) => c !== 'FORBIDDEN').map((c) => [c, 409])) as Record<
    Exclude<FeedbackRefusal, 'FORBIDDEN'>,
    409
  >),
  // A date or duration the working calendar cannot place: the request is well-formed but unusable.
  UNKNOWN_UNIT: 422,
  INVALID_AMOUNT: 422,
  INVALID_DATE: 422,
  NO_CALENDAR_DATA: 422,
  INVALID_OFFICE_HOURS: 422,
  // No retry helps before the next day: an operator must act, so it is logged as an error too.
  DAILY_SEQUENCE_EXHAUSTED: 503,
  // Procedures are validated when loaded, before any request: one reaching here is a deployment fault.
  PROCEDURE_INVALID: 500,
};

/** Codes an operator must hear of even though the client got a contract answer. */
const OPERATOR_CODES: ReadonlySet<string> = new Set<DomainErrorCode>(['DAILY_SEQUENCE_EXHAUSTED']);

export function needsOperator(error: ApiError): boolean {
  return error.status === 500 || OPERATOR_CODES.has(error.code);
}

function isDomainErrorCode(code: string | undefined): code is DomainErrorCode {
  return code !== undefined && Object.hasOwn(DOMAIN_ERROR_STATUS, code);
}

function fromDomainError(code: DomainErrorCode, message: string): ApiError {
  if (code === 'VALIDATION_FAILED') return validationFailed([{ path: 'body', message }]);
  if (code === 'DAILY_SEQUENCE_EXHAUSTED') {
    return new ApiError(
      503,
      code,
      'Đơn vị đã dùng hết số hồ sơ của ngày hôm nay, vui lòng báo quản trị hệ thống',
    );
  }
  return new ApiError(DOMAIN_ERROR_STATUS[code], code, message);
}

/** Maps anything thrown while serving a request to the error the contract gives for it. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isDomainError(err) && isDomainErrorCode(err.code)) return fromDomainError(err.code, err.message);
  // The workflow turns only the domain's own errors into typed refusals; any other failure is ours, a 500.
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const code = err.cause.type ?? undefined;
    if (isDomainErrorCode(code)) return fromDomainError(code, err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError) return notFound('hồ sơ');
  if (isTemporalUnavailable(err)) return unavailable('TEMPORAL_UNAVAILABLE');
  if (isDatabaseUnavailable(err)) return unavailable('DATABASE_UNAVAILABLE');
  // The cause goes to the log with the 500 (never to the client), even when a caller rethrows this error.
  return Object.assign(new ApiError(500, 'INTERNAL_ERROR', 'Lỗi hệ thống, vui lòng thử lại sau'), {
    cause: err,
  });
}

function* causes(err: unknown): Generator<unknown> {
  for (let e = err, depth = 0; e !== undefined && e !== null && depth < 10; depth += 1) {
    yield e;
    e = (e as { cause?: unknown }).cause;
  }
}

/** gRPC UNAVAILABLE (14: the server is down or unreachable) and DEADLINE_EXCEEDED (4: our deadline ran out). */
const GRPC_UNAVAILABLE_CODES: ReadonlySet<number> = new Set([14, 4]);
const GRPC_FAILED_PRECONDITION: ReadonlySet<number> = new Set([9]);

export function isTemporalUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(e) && GRPC_UNAVAILABLE_CODES.has(e.code)) return true;
    // An Update or query whose workflow task failed (its worker was killed) is refused as WorkflowNotReady
    // (FAILED_PRECONDITION; the dev server says "not ready", the server proper "Workflow Task in failed
    // state"): a retry under the same Idempotency-Key succeeds once a worker has it again.
    if (
      isGrpcServiceError(e) &&
      GRPC_FAILED_PRECONDITION.has(e.code) &&
      /not ready|workflow task in failed state/i.test(e.details ?? e.message)
    ) {
      return true;
    }
    // The client's connection could not be (re)established at all.
    if (e instanceof Error && e.name === 'TransportError') return true;
  }
  return false;
}

function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) if (isDatabaseUnavailableError(e)) return true;
  return false;
}
