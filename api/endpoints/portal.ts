import { z } from 'zod';
import { isFinished } from '../../domain/dossier/machine';
import { callbackValues, PAYMENT_CALLBACK_FIELDS, PAYMENT_SUCCEEDED } from '../../domain/portal/payment';
import { portalProcedureOf } from '../../domain/portal/record';
import { documentMediaType, FILE_LINK_PATH } from '../../platform/documents';
import { checksumMatches } from '../../platform/payment/checksum';
import { dossierCodesSubmitted } from '../../platform/database/repositories/dossiers';
import { ApiError, conflict, notFound } from '../errors';
import type { RouteTable } from '../route-table';
import { Instant } from '../schemas/common';
import type { Services } from '../services';

/** More than a province's ops desk reads at once; the Temporal UI lists the rest. */
const MAX_LISTED = 500;

const PortalSyncQuery = z.object({
  state: z
    .enum(['behind', 'failing'])
    .optional()
    .openapi({ description: 'Only syncs in this state; both by default' }),
});

const PortalSyncListSchema = z
  .object({
    items: z.array(
      z.object({
        dossierCode: z.string(),
        state: z.enum(['synced', 'behind', 'failing']),
        /** The last change the national portal accepted. */
        syncedSeq: z.number().int(),
      }),
    ),
  })
  .openapi('PortalSyncList');

/** One request resends at most this many; a longer period is done in parts. */
const MAX_RESENT = 1_000;

const ResyncParams = z.object({ code: z.string().min(1).max(50) });
const ResyncResultSchema = z
  .object({
    dossierCode: z.string(),
    /** A sync that had ended (or never ran) was started again for the resend. */
    started: z.boolean(),
  })
  .openapi('PortalResync');
const ResyncPeriodBody = z
  .strictObject({
    from: Instant.openapi({ description: 'Dossiers submitted from this instant' }),
    to: Instant.openapi({ description: 'up to this instant, inclusive' }),
  })
  .refine((b) => b.from <= b.to, { error: '`from` must not be after `to`', path: ['to'] })
  .openapi('PortalResyncPeriodRequest');
const ResyncPeriodResultSchema = z
  .object({
    resent: z.array(z.string()),
    /** More dossiers were submitted in the period: ask again from the last one resent. */
    more: z.boolean(),
  })
  .openapi('PortalResyncPeriod');

const PaymentCallbackBody = z
  .object({
    ...Object.fromEntries(PAYMENT_CALLBACK_FIELDS.map((f) => [f, z.string().max(200)])),
    MaXacThuc: z.string().max(128),
  } as Record<(typeof PAYMENT_CALLBACK_FIELDS)[number] | 'MaXacThuc', z.ZodString>)
  .openapi('PaymentCallback');
const FileLinkParams = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits') });
const FileLinkQuery = z.object({
  exp: z.coerce.number().int().openapi({ description: 'Expiry, seconds since 1970 (UTC)' }),
  sig: z.string().max(100).openapi({ description: 'HMAC-SHA256 of the path and expiry, base64url' }),
});

const PaymentAckSchema = z.object({ MaLoi: z.string() }).openapi('PaymentCallbackAnswer');

/** Ops of the national portal sync. */
export function portalRoutes(table: RouteTable, s: Services): void {
  table.add({
    method: 'get',
    path: '/portal/sync',
    tag: 'National portal',
    summary: 'Dossiers whose national portal sync is behind or failing',
    description: `From Temporal's visibility store, a few seconds behind; at most ${MAX_LISTED}.`,
    access: ['admin'],
    query: PortalSyncQuery,
    success: { status: 200, description: 'The syncs', schema: PortalSyncListSchema },
    async handle({ query }) {
      const states = query.state ? [query.state] : (['behind', 'failing'] as const);
      return { status: 200, body: { items: await s.workflows.portalSyncsIn(states, MAX_LISTED) } };
    },
  });

  /** The dossier's current state, from its workflow, goes to the portal again as a whole record. */
  const resync = async (code: string) => {
    const state = await s.workflows.state(code);
    const procedure = portalProcedureOf(s.procedure(state.procedureCode));
    const { started } = await s.workflows.resendToPortal(code, {
      state,
      procedure,
      final: isFinished(state),
    });
    return { dossierCode: code, started };
  };
  const portalOn = () => {
    if (!s.portalSync) throw conflict('PORTAL_SYNC_OFF', 'Hệ thống chưa kết nối Cổng Dịch vụ công quốc gia');
  };

  table.add({
    method: 'post',
    path: '/portal/sync/:code/resync',
    tag: 'National portal',
    summary: "Send one dossier's full record to the national portal again",
    description:
      "Rebuilt from the dossier's current state and sent after any changes still waiting; a sync that had " +
      'ended is started again for it. For a portal that lost or garbled the dossier.',
    access: ['admin'],
    params: ResyncParams,
    errors: [404],
    conflicts: ['PORTAL_SYNC_OFF'],
    success: { status: 202, description: 'The resend is on its way', schema: ResyncResultSchema },
    async handle({ params }) {
      portalOn();
      return { status: 202, body: await resync(params.code) };
    },
  });

  table.add({
    method: 'post',
    path: '/portal/resync',
    tag: 'National portal',
    summary: 'Send the full records of the dossiers submitted in a period again',
    description: `As the resync of one dossier, for each submitted in the period, oldest first; at most ${MAX_RESENT} per request.`,
    access: ['admin'],
    body: ResyncPeriodBody,
    conflicts: ['PORTAL_SYNC_OFF'],
    success: { status: 202, description: 'The resends are on their way', schema: ResyncPeriodResultSchema },
    async handle({ body }) {
      portalOn();
      const codes = await dossierCodesSubmitted(s.db, body, MAX_RESENT + 1);
      const resent: string[] = [];
      // One after the other: a period can hold thousands, and Temporal serves the desks meanwhile.
      for (const code of codes.slice(0, MAX_RESENT)) {
        await resync(code);
        resent.push(code);
      }
      return { status: 202, body: { resent, more: codes.length > MAX_RESENT } };
    },
  });

  table.add({
    method: 'post',
    path: '/portal/payment/callback',
    tag: 'National portal',
    summary: "The national payment platform's result of a dossier's payment",
    description:
      'Signed with `MaXacThuc` (SHA-256 over the fields in order, the partner secret last); a wrong one is ' +
      'refused and logged. A success moves a dossier waiting for payment on; any other result changes nothing.',
    access: 'public',
    body: PaymentCallbackBody,
    errors: [403, 404],
    conflicts: ['PAYMENT_PLATFORM_OFF'],
    success: { status: 200, description: 'Received', schema: PaymentAckSchema },
    async handle({ body }) {
      if (!s.paymentSecret) {
        throw conflict('PAYMENT_PLATFORM_OFF', 'Hệ thống chưa kết nối nền tảng thanh toán quốc gia');
      }
      if (!checksumMatches(callbackValues(body), s.paymentSecret, body.MaXacThuc)) {
        s.logger.warn(
          { transaction: body.MaGiaoDich, dossierCode: body.MaHoSo },
          'payment callback with a bad checksum refused',
        );
        throw new ApiError(403, 'PAYMENT_CHECKSUM_MISMATCH', 'Mã xác thực không đúng');
      }
      if (body.MaLoi === PAYMENT_SUCCEEDED) await s.workflows.confirmPayment(body.MaHoSo, body.MaGiaoDich);
      return { status: 200, body: { MaLoi: PAYMENT_SUCCEEDED } };
    },
  });

  table.add({
    method: 'get',
    path: `${FILE_LINK_PATH}/:sha256`,
    tag: 'National portal',
    summary: 'A stored file, through a signed and expiring link',
    description:
      'The links go to the national portal in the records synced to it (the files of submitted components); ' +
      'signed with the deployment secret over the path and expiry. An expired, altered or unsigned link: 403.',
    access: 'public',
    params: FileLinkParams,
    query: FileLinkQuery,
    errors: [403, 404],
    success: {
      status: 200,
      description: 'The bytes',
      schema: z.string(),
      contentType: 'application/octet-stream',
    },
    async handle({ params, query }) {
      if (!s.fileLinks?.admits(params.sha256, query.exp, query.sig, s.now())) {
        throw new ApiError(403, 'FILE_LINK_INVALID', 'Đường dẫn tải tệp không hợp lệ hoặc đã hết hạn');
      }
      const bytes = await s.documents.store.get(params.sha256);
      if (!bytes) throw notFound(`tệp ${params.sha256}`);
      return {
        status: 200,
        body: bytes,
        headers: {
          'content-type': (await documentMediaType(bytes)) ?? 'application/octet-stream',
          etag: `"${params.sha256}"`,
          'cache-control': 'private, no-store',
        },
      };
    },
  });
}
