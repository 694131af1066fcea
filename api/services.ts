import type { Client } from '@temporalio/client';
import type { FormRenderer } from '../activities/forms';
import type { Agency } from '../domain/agencies';
import type { CalendarOptions, DossierWorkflowInput } from '../domain/dossier/start';
import type { Procedure } from '../domain/procedure';
import type { Db } from '../platform/database/client';
import type { Logger } from '../platform/config/logger';
import type { DocumentLimits, DocumentStore, FileLinks } from '../platform/documents';
import { AccessCodeGuard } from './access-code';
import type { CodecServerOptions } from './endpoints/codec';
import { notFound } from './errors';
import { SharedReads } from './shared-reads';
import { DEFAULT_SUBMISSION_QUOTAS, SubmissionQuota, type SubmissionQuotas } from './submission-quota';
import type { DossierWorkflows } from './workflows';

/** What createApp needs; the caller reads the environment, nothing under api/ does. */
/**
 * Each class has its own budget, so that sign-in guesses, public reads, public writes and staff work never
 * exhaust each other: one office behind one proxy must not lock its staff out by looking dossiers up.
 */
export const RATE_LIMIT_CLASSES = ['login', 'publicRead', 'publicWrite', 'staff'] as const;
export type RateLimitClass = (typeof RATE_LIMIT_CLASSES)[number];
export interface RateLimit {
  windowMs: number;
  limit: number;
}

export interface ApiDeps {
  temporal: Client;
  taskQueue: string;
  db: Db;
  logger: Logger;
  jwtSecret: Uint8Array;
  /** The HMAC key of citizens' access codes (see api/access-code.ts). */
  accessCodePepper: Uint8Array;
  /** Wrong access codes for one dossier before its public actions answer 429; default 5 in 15 min. */
  accessCodeTries?: RateLimit;
  /** Token lifetime in jose's notation: '8h', '30m'. */
  tokenTtl: string;
  /** Where clients reach the API, for the links in answers (no trailing slash). */
  publicBaseUrl: string;
  procedures: readonly Procedure[];
  agencies: readonly Agency[];
  now?: () => Date;
  /** Requests per window, by route class (see RATE_LIMIT_CLASSES); defaults in api/app.ts. */
  rateLimits?: Partial<Record<RateLimitClass, RateLimit>>;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For names the client; default none. */
  trustProxy?: boolean | number | string;
  /** Deadline of each Temporal call; default 10 s. */
  temporalTimeoutMs?: number;
  /** How long identical worklist reads share one answer (see SharedReads); default 1 s, 0 turns it off. */
  sharedReadsMs?: number;
  /** The official forms as PDF, built from the read model. */
  forms: FormRenderer;
  /** The deployment's office hours or round-the-clock calendar, given to every new dossier. */
  calendar?: CalendarOptions;
  /** How many working days back a receipt may be dated; default 1. */
  backdateWorkingDays?: number;
  /** The payload codec served at /codec for the Temporal UI; without it there is no /codec. */
  codecServer?: CodecServerOptions;
  /** New dossiers report every change to the national portal (its URL is configured). */
  portalSync?: boolean;
  /** Where the files of dossier components go, and how large they may be. */
  documents: DossierDocuments;
  /** Anonymous submissions a day per client address and per desk; defaults in api/submission-quota.ts. */
  submissionQuotas?: Partial<SubmissionQuotas>;
  /** The partner secret of the national payment platform; without it its callback is refused. */
  paymentSecret?: string;
  /** New dossiers open a transaction on the national payment platform for their fees (its URL is configured). */
  onlinePayment?: DossierWorkflowInput['onlinePayment'];
  /** Signs the file links the national portal fetches; without them no link is served. */
  fileLinks?: FileLinks;
  /** Who may push dossiers submitted on the national portal; without it every push is refused. */
  portalInbound?: PortalInboundAccess;
}

export interface PortalInboundAccess {
  /** Sent by the portal in the X-Portal-Secret header. */
  secret: string;
  /** Addresses and CIDR subnets the portal pushes from (as Express's `req.ip` sees them); none: any. */
  addresses?: readonly string[];
}

export interface DossierDocuments {
  store: DocumentStore;
  limits: DocumentLimits;
}

/** What the endpoint modules share. */
export interface Services {
  db: Db;
  workflows: DossierWorkflows;
  baseUrl: string;
  now: () => Date;
  procedures: readonly Procedure[];
  agencies: readonly Agency[];
  calendar: CalendarOptions;
  portalSync: boolean;
  paymentSecret?: string;
  onlinePayment?: DossierWorkflowInput['onlinePayment'];
  logger: Logger;
  backdateWorkingDays: number;
  /** The procedure of a code, or 404. */
  procedure(code: string): Procedure;
  agency(code: string): Agency | undefined;
  /** Worklist answers shared between identical requests for a moment. */
  reads: SharedReads;
  accessCodePepper: Uint8Array;
  /** Admits the citizen's public actions on a dossier. */
  accessCodes: AccessCodeGuard;
  documents: DossierDocuments;
  /** Admits anonymous submissions within the day's quotas. */
  submissionQuota: SubmissionQuota;
  /** Signed, expiring links to stored files, when a secret is configured. */
  fileLinks?: FileLinks;
}

export function services(deps: ApiDeps, workflows: DossierWorkflows): Services {
  const procedures = new Map(deps.procedures.map((p) => [p.code, p]));
  const agencies = new Map(deps.agencies.map((a) => [a.code, a]));
  const now = deps.now ?? (() => new Date());
  return {
    db: deps.db,
    workflows,
    baseUrl: deps.publicBaseUrl.replace(/\/+$/, ''),
    now,
    procedures: deps.procedures,
    agencies: deps.agencies,
    calendar: deps.calendar ?? {},
    portalSync: deps.portalSync ?? false,
    paymentSecret: deps.paymentSecret,
    onlinePayment: deps.onlinePayment,
    fileLinks: deps.fileLinks,
    logger: deps.logger,
    backdateWorkingDays: deps.backdateWorkingDays ?? 1,
    procedure(code) {
      const procedure = procedures.get(code);
      if (!procedure) throw notFound(`thủ tục ${code}`);
      return procedure;
    },
    agency: (code) => agencies.get(code),
    reads: new SharedReads(deps.sharedReadsMs ?? 1_000),
    accessCodePepper: deps.accessCodePepper,
    accessCodes: new AccessCodeGuard(
      deps.accessCodePepper,
      deps.accessCodeTries ?? { windowMs: 15 * 60_000, limit: 5 },
      now,
    ),
    documents: deps.documents,
    submissionQuota: new SubmissionQuota({ ...DEFAULT_SUBMISSION_QUOTAS, ...deps.submissionQuotas }, now),
  };
}
