/**
 * Dossiers submitted on the national public service portal, pushed to the province: authenticated by a
 * shared secret and the portal's addresses, received once per portal code through the same reception as
 * the counter's, channel online, so the desk accepts them or asks for completion as any online dossier.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { z } from 'zod';
import { optionalText, text } from '../../domain/text';
import type { Procedure } from '../../domain/procedure';
import type { Logger } from '../../platform/config/logger';
import type { DocumentLimits } from '../../platform/documents';
import { dossierExists } from '../../platform/database/repositories/dossiers';
import {
  claimPortalCode,
  portalInboundClaim,
  releasePortalCode,
  retakePortalCode,
} from '../../platform/database/repositories/portal-inbound';
import { recordAttachments, storeAttachments, type Attachment } from '../documents';
import { ApiError, conflict, notFound, validationFailed, type Reply } from '../errors';
import type { AttemptMemory } from '../idempotency';
import { receiveDossier, type Reception } from '../reception';
import { send, withFields, type RouteTable } from '../route-table';
import { IdNumber, Phone } from '../schemas';
import type { PortalInboundAccess, Services } from '../services';
import { dossierFilesTooLarge, fileTooLarge, typeFiles } from '../uploads';

export const PORTAL_INBOUND_PATH = '/portal/inbound/dossiers';
export const PORTAL_SECRET_HEADER = 'x-portal-secret';

/** The portal's answer codes: created, received before, refused. */
const CREATED = 0;
const DUPLICATE = 1;
const FAILED = -1;

/** Recorded as who attached a pushed dossier's files. */
const ATTACHED_BY_PORTAL = 'portal';
/** A claim this old without its dossier belongs to a request that died with its process. */
const CLAIM_ABANDONED_MS = 120_000;
/** How long a repeat waits for a first push still being received before answering "in progress". */
const REPEAT_WAIT_MS = 15_000;
const REPEAT_POLL_MS = 100;

const PortalComponent = z
  .object({
    TenThanhPhanHoSo: text(300).openapi({ description: "The component's name" }),
    MaThanhPhanHoSo: optionalText(100).openapi({ description: "The component's code on the portal" }),
    TenTepDinhKem: optionalText(255).openapi({ description: "The file's name" }),
    NoiDungTep: z.base64().optional().openapi({ description: "The file's bytes, base64: PDF, JPEG or PNG" }),
    DuongDanTaiTepTin: z
      .string()
      .max(2000)
      .optional()
      .openapi({ description: 'Not fetched: a component whose file comes only by URL is refused' }),
  })
  .refine((c) => c.DuongDanTaiTepTin === undefined || c.NoiDungTep !== undefined, {
    error: 'files are not fetched from URLs: send the bytes as base64 in NoiDungTep',
    path: ['DuongDanTaiTepTin'],
  });

/** The portal's dossier, in its field names; fields this province does not read are ignored. */
export const PortalInboundDossierBody = z
  .object({
    MaHoSo: z
      .string()
      .trim()
      .regex(/^[\w.\-/]{1,60}$/, { error: 'the portal’s dossier code: 1 to 60 letters, digits, . - / _' })
      .openapi({ description: "The dossier's code on the portal: a repeat of it is a duplicate" }),
    MaTTHC: text(20).openapi({ description: "The procedure's national code" }),
    ChuHoSo: text(200).openapi({ description: "The applicant's full name" }),
    SoGiayToChuHoSo: IdNumber.openapi({ description: "The applicant's CCCD or passport number" }),
    SoDienThoai: Phone.optional(),
    Email: z.email().max(200).optional(),
    DiaChi: optionalText(500, { multiline: true }),
    TaiLieuNop: z.array(PortalComponent).min(1).max(100),
  })
  .openapi('PortalInboundDossier');
type PortalInboundDossier = z.output<typeof PortalInboundDossierBody>;

const PortalInboundAnswer = z
  .object({
    error_code: z.union([z.literal(CREATED), z.literal(DUPLICATE)]),
    message: z.string(),
    data: z.object({
      MaHoSo: z.string().openapi({ description: "The portal's code, as sent" }),
      MaHoSoDiaPhuong: z.string().openapi({ description: "The dossier's code in MotCua" }),
    }),
  })
  .openapi('PortalInboundAnswer');

/** An error answered before the route table: the contract's error shape with the portal's `error_code`. */
const portalFailure = (error: ApiError): Reply => withFields(error.reply(), { error_code: FAILED });
const refusal = (status: 401 | 403, code: string, message: string): Reply =>
  portalFailure(new ApiError(status, code, message));

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/**
 * Before the body is read: the caller's address (Express's `req.ip`, so behind a proxy the client that
 * `trust proxy` names) must be allowed and its secret right, compared in constant time; refusals are logged.
 * Then the body, as large as a dossier's files in base64.
 */
export function portalInboundEntry(
  access: PortalInboundAccess | undefined,
  limits: DocumentLimits,
  logger: Logger,
): (RequestHandler | ErrorRequestHandler)[] {
  const allowed = access?.addresses?.length ? allowList(access.addresses) : undefined;
  const secret = access && sha256(access.secret);
  const gate: RequestHandler = (req, res, next) => {
    const ip = req.ip ?? '';
    const refuse = (reply: Reply, reason: string) => {
      logger.warn({ ip, reason }, 'national portal push refused');
      send(res, reply);
    };
    if (!secret) {
      return refuse(
        refusal(403, 'PORTAL_INBOUND_OFF', 'Chưa cấu hình tiếp nhận hồ sơ từ Cổng'),
        'not configured',
      );
    }
    if (allowed && !allowed(ip)) {
      return refuse(refusal(403, 'FORBIDDEN', 'Địa chỉ không được phép gửi hồ sơ'), 'address not allowed');
    }
    const presented = req.get(PORTAL_SECRET_HEADER);
    if (presented === undefined || !timingSafeEqual(sha256(presented), secret)) {
      return refuse(refusal(401, 'UNAUTHENTICATED', 'Sai hoặc thiếu mã xác thực của Cổng'), 'bad secret');
    }
    next();
  };
  // The body refused while it is read, answered in the portal's shape too.
  const unreadable: ErrorRequestHandler = (err: { type?: unknown }, _req, res, next) => {
    if (err.type === 'entity.too.large') send(res, portalFailure(dossierFilesTooLarge(limits)));
    else if (err.type === 'entity.parse.failed') {
      send(res, portalFailure(validationFailed([{ path: 'body', message: 'malformed JSON' }])));
    } else next(err);
  };
  // Base64 takes 4 bytes for 3; the rest of the dossier is text.
  const bodyLimit = Math.ceil((limits.dossierBytes * 4) / 3) + 100_000;
  return [gate, express.json({ limit: bodyLimit }), unreadable];
}

function allowList(addresses: readonly string[]): (ip: string) => boolean {
  const list = new BlockList();
  for (const entry of addresses) {
    const [address, prefix] = entry.split('/');
    const family = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (ip) => {
    // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d.
    const v4 = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
    return list.check(v4, isIPv4(v4) ? 'ipv4' : 'ipv6');
  };
}

export function portalInboundRoutes(table: RouteTable, s: Services): void {
  table.add({
    method: 'post',
    path: PORTAL_INBOUND_PATH,
    tag: 'National portal',
    summary: 'A dossier submitted on the national portal, pushed to the province',
    description:
      `The portal sends the shared secret in \`${PORTAL_SECRET_HEADER}\` from an allowed address (else 401/403). ` +
      'Received once per portal code (`error_code` 0), channel online, waiting for the desk’s acceptance; a ' +
      'repeat answers `error_code` 1 with the same dossier. Files come as base64 (`NoiDungTep`), within the ' +
      'per-file and per-dossier limits (413), PDF, JPEG or PNG (415); files by URL are refused (400). ' +
      'Every error carries `error_code` -1 besides the contract’s `error`.',
    access: 'public',
    rateLimit: 'staff',
    body: PortalInboundDossierBody,
    errors: [401, 403, 404],
    conflicts: ['PORTAL_DOSSIER_IN_PROGRESS'],
    errorFields: { error_code: FAILED },
    success: { status: 200, description: 'Received, or received before', schema: PortalInboundAnswer },
    async handle({ body }) {
      const procedure = procedureOnPortal(s, body.MaTTHC);
      // The bytes are safe before the dossier exists, and a refused file leaves no dossier.
      const stored = await storeAttachments(s, await attachmentsOf(body, s.documents.limits));
      const { code, created } = await receiveOnce(s, body.MaHoSo, {
        procedure,
        channel: 'online',
        applicant: {
          fullName: body.ChuHoSo,
          idNumber: body.SoGiayToChuHoSo,
          phone: body.SoDienThoai,
          email: body.Email,
          address: body.DiaChi,
        },
        // The portal hands in electronic copies of the components.
        documents: body.TaiLieuNop.map((c) => ({ name: c.TenThanhPhanHoSo, form: 'copy' as const })),
        at: s.now(),
      });
      if (created) await recordAttachments(s, code, stored, ATTACHED_BY_PORTAL);
      s.logger.info(
        { portalCode: body.MaHoSo, dossierCode: code, created },
        'dossier pushed by the national portal',
      );
      const answer: z.input<typeof PortalInboundAnswer> = {
        error_code: created ? CREATED : DUPLICATE,
        message: created ? 'Đã tiếp nhận hồ sơ' : 'Hồ sơ đã được tiếp nhận trước đó',
        data: { MaHoSo: body.MaHoSo, MaHoSoDiaPhuong: code },
      };
      return { status: 200, body: answer };
    },
  });
}

/** The procedure the portal names by its national code (a demo procedure by its own code). */
function procedureOnPortal(s: Services, nationalCode: string): Procedure {
  const procedure = s.procedures.find((p) => (p.nationalCode ?? p.code) === nationalCode);
  if (!procedure) throw notFound(`thủ tục có mã quốc gia ${nationalCode}`);
  return procedure;
}

/** The components' files decoded, typed by their content and within the limits. */
async function attachmentsOf(body: PortalInboundDossier, limits: DocumentLimits): Promise<Attachment[]> {
  const decoded = body.TaiLieuNop.flatMap((c, position) =>
    c.NoiDungTep === undefined
      ? []
      : [
          {
            position,
            field: `TaiLieuNop[${position}]`,
            fileName: c.TenTepDinhKem ?? c.TenThanhPhanHoSo,
            bytes: Buffer.from(c.NoiDungTep, 'base64'),
          },
        ],
  );
  let total = 0;
  for (const file of decoded) {
    if (file.bytes.length > limits.fileBytes) throw fileTooLarge(file.fileName, limits);
    total += file.bytes.length;
  }
  if (total > limits.dossierBytes) throw dossierFilesTooLarge(limits);
  const typed = await typeFiles(decoded);
  return typed.map((file, i) => ({ position: decoded[i].position, file }));
}

/** Another request took the portal code first. */
class PortalCodeTaken extends Error {}

/**
 * Receives the dossier unless its portal code was received already. The code is claimed the moment the
 * reception issues the dossier's number, so of concurrent pushes one receives and the others, once its
 * dossier exists, answer it as a duplicate. A claim whose request died is taken over under the same number.
 */
async function receiveOnce(
  s: Services,
  portalCode: string,
  reception: Reception,
): Promise<{ code: string; created: boolean }> {
  const waitUntil = Date.now() + REPEAT_WAIT_MS;
  for (;;) {
    const claim = await portalInboundClaim(s.db, portalCode);
    if (!claim) {
      const memory: AttemptMemory = {
        async remember(value) {
          const { code } = value as { code: string };
          if (!(await claimPortalCode(s.db, { portalCode, dossierCode: code, claimedAt: s.now() }))) {
            throw new PortalCodeTaken();
          }
          memory.remembered = value;
        },
      };
      try {
        return { code: (await receiveClaimed(s, reception, memory, portalCode)).code, created: true };
      } catch (err) {
        if (err instanceof PortalCodeTaken) continue;
        throw err;
      }
    }
    if (await dossierExists(s.db, claim.dossierCode)) return { code: claim.dossierCode, created: false };
    const abandoned = s.now().getTime() - claim.claimedAt.getTime() > CLAIM_ABANDONED_MS;
    if (abandoned && (await retakePortalCode(s.db, claim, s.now()))) {
      const memory: AttemptMemory = { remembered: { code: claim.dossierCode }, remember: async () => {} };
      return { code: (await receiveClaimed(s, reception, memory, portalCode)).code, created: true };
    }
    if (Date.now() > waitUntil) {
      throw conflict('PORTAL_DOSSIER_IN_PROGRESS', 'Hồ sơ này đang được tiếp nhận, vui lòng gửi lại sau');
    }
    await sleep(REPEAT_POLL_MS);
  }
}

/** A reception under a claimed portal code; a failed one lets the code go for the portal's retry. */
async function receiveClaimed(s: Services, reception: Reception, memory: AttemptMemory, portalCode: string) {
  try {
    return await receiveDossier(s, reception, memory);
  } catch (err) {
    const code = (memory.remembered as { code: string } | undefined)?.code;
    if (!(err instanceof PortalCodeTaken) && code !== undefined && !(await dossierExists(s.db, code))) {
      await releasePortalCode(s.db, { portalCode, dossierCode: code });
    }
    throw err;
  }
}
