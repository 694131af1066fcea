import type { Client } from '@temporalio/client';
import type { FormRenderer } from '../activities/forms';
import type { Agency } from '../domain/agencies';
import type { CalendarOptions } from '../domain/dossier/start';
import type { Procedure } from '../domain/procedure';
import type { Db } from '../platform/database/client';
import type { Logger } from '../platform/config/logger';
import type { CodecServerOptions } from './endpoints/codec';
import { notFound } from './errors';
import { SharedReads } from './shared-reads';
import type { DossierWorkflows } from './workflows';

/** What createApp needs; the caller reads the environment, nothing under api/ does. */
export interface ApiDeps {
  temporal: Client;
  taskQueue: string;
  db: Db;
  logger: Logger;
  jwtSecret: Uint8Array;
  /** Token lifetime in jose's notation: '8h', '30m'. */
  tokenTtl: string;
  /** Where clients reach the API, for the links in answers (no trailing slash). */
  publicBaseUrl: string;
  procedures: readonly Procedure[];
  agencies: readonly Agency[];
  now?: () => Date;
  /** Requests one client may make to /public and /auth/login per window; default 120 a minute. */
  rateLimit?: { windowMs: number; limit: number };
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
  backdateWorkingDays: number;
  /** The procedure of a code, or 404. */
  procedure(code: string): Procedure;
  agency(code: string): Agency | undefined;
  /** Worklist answers shared between identical requests for a moment. */
  reads: SharedReads;
}

export function services(deps: ApiDeps, workflows: DossierWorkflows): Services {
  const procedures = new Map(deps.procedures.map((p) => [p.code, p]));
  const agencies = new Map(deps.agencies.map((a) => [a.code, a]));
  return {
    db: deps.db,
    workflows,
    baseUrl: deps.publicBaseUrl.replace(/\/+$/, ''),
    now: deps.now ?? (() => new Date()),
    procedures: deps.procedures,
    agencies: deps.agencies,
    calendar: deps.calendar ?? {},
    backdateWorkingDays: deps.backdateWorkingDays ?? 1,
    procedure(code) {
      const procedure = procedures.get(code);
      if (!procedure) throw notFound(`thủ tục ${code}`);
      return procedure;
    },
    agency: (code) => agencies.get(code),
    reads: new SharedReads(deps.sharedReadsMs ?? 1_000),
  };
}
