import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DOCUMENT_LIMITS, MB } from '../documents/content';
import { DEFAULT_FILE_LINK_HOURS } from '../documents/file-links';

/**
 * The whole configuration surface, read once from the environment. Unset Temporal address means the
 * embedded default: a dev server spawned by the stack. The README's configuration table mirrors this.
 */
const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const schema = z.object({
  NODE_ENV: optional,
  /** `production` (or NODE_ENV=production) refuses the settings of a demo at start. */
  MOTCUA_ENV: z.enum(['production', 'development']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MOTCUA_DATA_DIR: z.string().default('data'),
  DATABASE_URL: optional,
  TEMPORAL_ADDRESS: optional,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('dossiers'),
  /**
   * Workflows a worker keeps in memory between their tasks (the sticky cache); an evicted one replays its
   * history on its next task. Unset: the SDK's default, from the heap size.
   */
  MOTCUA_WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  MOTCUA_TEMPORAL_PORT: z.coerce.number().int().default(7233),
  MOTCUA_TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  MOTCUA_TEMPORAL_CLI: optional,
  MOTCUA_TEMPORAL_TEST_SERVER: optional,
  MOTCUA_PUBLIC_BASE_URL: z.string().default('http://localhost:3000'),
  MOTCUA_JWT_SECRET: optional,
  MOTCUA_TOKEN_TTL: z.string().default('8h'),
  /** HMAC key of citizens' access codes; unset keeps a random one under MOTCUA_DATA_DIR. */
  MOTCUA_ACCESS_CODE_PEPPER: optional,
  /** Wrong access codes for one dossier within the window before its public actions answer 429. */
  MOTCUA_ACCESS_CODE_TRIES: z.coerce.number().int().min(1).default(5),
  MOTCUA_ACCESS_CODE_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  MOTCUA_DEMO_PASSWORD: z.string().default('demo'),
  /** The province's agencies and desks, a JSON file (docs/agencies.md); unset runs the demo province's. */
  MOTCUA_AGENCIES_FILE: optional,
  /** Keys of the Temporal payload codec, `id:base64,…`; parsed by platform/temporal/encryption. */
  MOTCUA_PAYLOAD_KEYS: optional,
  /** Comma-separated origins of the Temporal UI allowed to call the codec endpoint. */
  MOTCUA_TEMPORAL_UI_ORIGINS: optional,
  /** Office sessions for limits in working hours, e.g. '07:30-11:30,13:30-17:00'. */
  MOTCUA_OFFICE_HOURS: z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}(,\d{2}:\d{2}-\d{2}:\d{2})*$/, 'sessions like 07:30-11:30,13:30-17:00')
    .optional()
    .transform((v) =>
      v?.split(',').map((session) => ({ start: session.slice(0, 5), end: session.slice(6) })),
    ),
  /** Anonymous online submissions a day (Vietnam time) per client address and per receiving desk. */
  MOTCUA_SUBMISSIONS_PER_CLIENT: z.coerce.number().int().min(1).default(20),
  MOTCUA_SUBMISSIONS_PER_DESK: z.coerce.number().int().min(1).max(9_999).default(2_000),
  /** How many working days back a clerk may date a receipt (postal receipts entered later). */
  MOTCUA_BACKDATE_WORKING_DAYS: z.coerce.number().int().min(0).max(5).default(1),
  /**
   * Express's `trust proxy`: `true`, a number of hops, or addresses and subnets (`loopback, 10.0.0.0/8`) of
   * the proxies whose X-Forwarded-For names the client; unset trusts none (rate limits then see the proxy).
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) =>
      v === undefined || v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v,
    ),
  /** Hours an Idempotency-Key's record is kept: a retry after that runs again. */
  MOTCUA_IDEMPOTENCY_RETENTION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** '24x7' counts every minute for every procedure; unset follows each procedure's own calendar. */
  MOTCUA_CALENDAR: z.enum(['24x7']).optional(),
  /** Seeds the demo province; on by default only for the embedded stack. */
  MOTCUA_SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  SMTP_URL: optional,
  MAIL_FROM: z.string().default('MotCua <no-reply@motcua.local>'),
  TWILIO_ACCOUNT_SID: optional,
  TWILIO_AUTH_TOKEN: optional,
  TWILIO_FROM: optional,
  TWILIO_MESSAGING_SERVICE_SID: optional,
  TWILIO_API_BASE_URL: optional,
  ZALO_URL: optional,
  ZALO_ACCESS_TOKEN: optional,
  /** Base URL of the national portal's adapter; unset: no sync, but the embedded stack runs its simulator. */
  MOTCUA_PORTAL_URL: optional,
  MOTCUA_PORTAL_USERNAME: optional,
  MOTCUA_PORTAL_PASSWORD: optional,
  /** The province's unit code on the portal (`madonvi`). */
  MOTCUA_PORTAL_UNIT_CODE: optional,
  /** Routing header `dstcode` on the government integration platform, when calls go through it. */
  MOTCUA_PORTAL_DSTCODE: optional,
  MOTCUA_PORTAL_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** The national payment platform's address for `INIT` and `QUERY`; unset, no online payment is offered. */
  MOTCUA_PAYMENT_URL: optional,
  /** MotCua's partner code on the payment platform (`MaDoiTac`). */
  MOTCUA_PAYMENT_PARTNER_CODE: optional,
  /** The partner secret of the platform's checksums (`MaXacThuc`), its callback's included. */
  MOTCUA_PAYMENT_SECRET: optional,
  /** The secret the national portal sends (X-Portal-Secret) when it pushes a dossier; unset refuses every push. */
  MOTCUA_PORTAL_INBOUND_SECRET: optional,
  /** Addresses and subnets (`203.0.113.7, 10.0.0.0/8`) the portal pushes from; unset admits any address. */
  MOTCUA_PORTAL_INBOUND_ADDRESSES: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((a) => a.trim()) : undefined))
    .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])).optional()),
  /** When to ask the platform about an unpaid transaction first (then twice as long each time, up to 6 hours). */
  MOTCUA_PAYMENT_QUERY_AFTER_MINUTES: z.coerce.number().positive().default(15),
  /** HMAC key of the signed, expiring file links the portal fetches; unset, no link is made or served. */
  MOTCUA_PORTAL_FILE_SECRET: optional,
  /** How long a file link in a record synced to the portal stays valid. */
  MOTCUA_PORTAL_FILE_LINK_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(DEFAULT_FILE_LINK_HOURS),
  /** Messages per second each worker process sends through a channel: the provider's cap / workers. */
  MOTCUA_SMS_PER_SECOND: z.coerce.number().positive().default(10),
  MOTCUA_EMAIL_PER_SECOND: z.coerce.number().positive().default(50),
  MOTCUA_ZALO_PER_SECOND: z.coerce.number().positive().default(20),
  /** Where document files live: `local` under MOTCUA_DATA_DIR/documents, or `s3` (the MOTCUA_S3_* settings). */
  MOTCUA_DOCUMENT_STORE: z.enum(['local', 's3']).default('local'),
  MOTCUA_S3_BUCKET: optional,
  /** An S3-compatible server's URL; unset: AWS. Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY. */
  MOTCUA_S3_ENDPOINT: optional,
  MOTCUA_S3_REGION: z.string().default('us-east-1'),
  MOTCUA_S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Largest file of one component, and all files of one dossier together, in MB. */
  MOTCUA_DOCUMENT_MAX_MB: z.coerce
    .number()
    .positive()
    .max(1024)
    .default(DEFAULT_DOCUMENT_LIMITS.fileBytes / MB),
  MOTCUA_DOSSIER_DOCUMENTS_MAX_MB: z.coerce
    .number()
    .positive()
    .max(10_240)
    .default(DEFAULT_DOCUMENT_LIMITS.dossierBytes / MB),
});

export type Env = z.infer<typeof schema>;

export interface Config extends Env {
  databaseUrl: string;
  /** True when no external cluster is configured and the stack runs its own dev server. */
  embeddedTemporal: boolean;
  /** The TEMPORAL_* variables, for Temporal's envconfig to read the connection settings from. */
  temporalEnv: Record<string, string>;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const portalMissing = [
    'MOTCUA_PORTAL_USERNAME',
    'MOTCUA_PORTAL_PASSWORD',
    'MOTCUA_PORTAL_UNIT_CODE',
  ] as const;
  if (e.MOTCUA_PORTAL_URL && portalMissing.some((k) => !e[k])) {
    throw new ConfigError(`MOTCUA_PORTAL_URL needs ${portalMissing.join(', ')} as well`);
  }
  if (e.MOTCUA_PAYMENT_URL && (!e.MOTCUA_PAYMENT_PARTNER_CODE || !e.MOTCUA_PAYMENT_SECRET)) {
    throw new ConfigError(
      'MOTCUA_PAYMENT_URL needs MOTCUA_PAYMENT_PARTNER_CODE, MOTCUA_PAYMENT_SECRET as well',
    );
  }
  if (e.MOTCUA_DOCUMENT_STORE === 's3' && !e.MOTCUA_S3_BUCKET) {
    throw new ConfigError('MOTCUA_DOCUMENT_STORE=s3 needs MOTCUA_S3_BUCKET');
  }
  const embeddedTemporal = e.TEMPORAL_ADDRESS === undefined;
  if (e.NODE_ENV === 'production' || e.MOTCUA_ENV === 'production') {
    const faults = productionFaults(e, embeddedTemporal);
    if (faults.length) {
      throw new ConfigError(`a production start refuses:\n${faults.map((f) => `  ${f}`).join('\n')}`);
    }
  }
  return {
    ...e,
    databaseUrl: e.DATABASE_URL ?? `file:${path.resolve(e.MOTCUA_DATA_DIR, 'motcua.db')}`,
    embeddedTemporal,
    temporalEnv: Object.fromEntries(
      Object.entries(env).filter(
        (entry): entry is [string, string] =>
          entry[0].startsWith('TEMPORAL_') && typeof entry[1] === 'string' && entry[1] !== '',
      ),
    ),
  };
}

/** HS256 wants a key at least as long as its hash (RFC 7518 §3.2). */
const JWT_SECRET_MIN_BYTES = 32;

/** What a demo may run with and a production deployment must not. */
function productionFaults(e: Env, embeddedTemporal: boolean): string[] {
  const faults: string[] = [];
  if (e.MOTCUA_SEED_DEMO ?? embeddedTemporal) {
    faults.push('MOTCUA_SEED_DEMO: the demo users share a known password; set it to false');
  }
  if (!e.MOTCUA_AGENCIES_FILE) {
    faults.push("MOTCUA_AGENCIES_FILE: name the province's agencies; the demo's are invented");
  }
  if (!e.MOTCUA_JWT_SECRET || Buffer.byteLength(e.MOTCUA_JWT_SECRET) < JWT_SECRET_MIN_BYTES) {
    faults.push(`MOTCUA_JWT_SECRET: set it, at least ${JWT_SECRET_MIN_BYTES} bytes of a random secret`);
  }
  const inbound = e.MOTCUA_PORTAL_INBOUND_SECRET;
  if (inbound !== undefined && Buffer.byteLength(inbound) < JWT_SECRET_MIN_BYTES) {
    faults.push(`MOTCUA_PORTAL_INBOUND_SECRET: at least ${JWT_SECRET_MIN_BYTES} bytes of a random secret`);
  }
  if (e.SMTP_URL && sendsCredentialsInClear(e.SMTP_URL)) {
    faults.push('SMTP_URL: credentials over plain smtp://; use smtps:// or ?requireTLS=true (STARTTLS)');
  }
  return faults;
}

function sendsCredentialsInClear(smtpUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    return false;
  }
  const credentials = url.username !== '' || url.password !== '';
  return credentials && url.protocol === 'smtp:' && url.searchParams.get('requireTLS') !== 'true';
}
