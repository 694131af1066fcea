/** The pieces every request and response schema shares; loading this module gives zod its .openapi(). */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { DOSSIER_CODE_PATTERN, isDossierCode } from '../../domain/dossier-code';
import { SubmittedDocumentSchema, SubmittedDocumentsSchema } from '../../domain/dossier/types';
import { DOSSIER_STATUSES, type StatusKey } from '../../domain/status';

extendZodWithOpenApi(z);

export const STATUS_KEYS = Object.keys(DOSSIER_STATUSES) as [StatusKey, ...StatusKey[]];

/** Every time the API answers is Vietnam time with its offset, e.g. 2026-11-23T17:00:00.000+07:00. */
export const Time = z.string().openapi({ format: 'date-time', example: '2026-11-23T17:00:00.000+07:00' });
export const NullableTime = Time.nullable();

/**
 * A registered component or null. `.nullable()` on a registered schema loses the null in the OpenAPI
 * document (the generator writes a bare `$ref`), so the contract would refuse the null the API answers.
 */
export const orNull = <S extends z.ZodType>(schema: S) => z.union([schema, z.null()]);

/** An instant in a request: ISO 8601 with an offset or Z, so that no clock zone is guessed. */
export const Instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const StatusSchema = z
  .object({ code: z.number().int().min(1).max(10), key: z.enum(STATUS_KEYS), label: z.string() })
  .openapi('Status', { example: { code: 4, key: 'processing', label: 'Đang xử lý' } });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'SUPPLEMENT_ALREADY_REQUESTED' }),
      message: z.string(),
      details: z.array(z.unknown()).openapi({
        description: 'For VALIDATION_FAILED: `[{path, message}]`, path like `body.applicant.fullName`',
      }),
    }),
  })
  .openapi('Error');

export function pageOf<T extends z.ZodType>(name: string, item: T) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    })
    .openapi(name);
}

export const DossierCodeParams = z.object({
  code: z
    .string()
    .regex(DOSSIER_CODE_PATTERN, { error: 'not a dossier code (agency identifier-yyMMdd-sequence)' })
    .refine(isDossierCode, { error: 'not a dossier code: its yyMMdd is not a day of the calendar' })
    .openapi({ param: { description: 'Mã số hồ sơ' }, example: '000.00.01.H56-261122-0001' }),
});

export const ProcedureCodeParams = z.object({
  code: z
    .string()
    .regex(/^\d\.\d{6}$/, { error: 'not a procedure code (d.dddddd)' })
    .openapi({ param: { description: 'National procedure code' }, example: '1.001193' }),
});

/** Deeper pages are a scan of the whole table: narrow the filter instead. */
const MAX_PAGE = 1000;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, { error: 'Idempotency-Key must be 1 to 255 visible ASCII characters' })
    .optional()
    .openapi({
      description:
        'Repeat a request safely: the same key with the same body answers the first answer again and changes ' +
        'nothing more; the same key with another body answers 422 IDEMPOTENCY_KEY_REUSED; while the first ' +
        'request runs, 409 IDEMPOTENCY_KEY_IN_PROGRESS. Keys are kept per user (or per public client) and path, ' +
        'for a day by default.',
    }),
});

// zod's own .meta: the domain's schemas were built before extendZodWithOpenApi gave them .openapi().
export const DocumentSchema = SubmittedDocumentSchema.meta({ id: 'SubmittedDocument' });
export const Documents = SubmittedDocumentsSchema;

export const Links = z.record(z.string(), z.string()).openapi('Links', {
  example: { self: 'https://motcua.example/api/v1/dossiers/000.00.01.H56-261122-0001' },
});
