import { TEMPORAL_SERVER, TEMPORAL_UI_SERVER } from './binaries';

/**
 * The production topology's values that `npm run cluster` and `docker-compose.yml` must share. The
 * cluster script reads them from here; `tests/deploy/topology.test.ts` reads the compose file and checks
 * that it says the same, so the two descriptions of one deployment cannot drift apart.
 */
export const TOPOLOGY = {
  temporal: {
    /** The Temporal server's release: the Go module's tag here, the image's tag in compose (no `v`). */
    version: TEMPORAL_SERVER.version,
    /** The SQL plugin of both the server's persistence and its schema tool. */
    sqlPlugin: 'postgres12',
    role: { user: 'temporal', password: 'temporal' },
    frontendPort: 7233,
  },
  ui: { version: TEMPORAL_UI_SERVER.version, port: 8233 },
  app: {
    role: { user: 'motcua', password: 'motcua', database: 'motcua' },
    apiPort: 3000,
    /** Two of each in `npm run cluster`: the chaos run kills one while the other carries on. */
    workers: 2,
    apis: 2,
  },
  /**
   * A worker's memory, held under 1 GB of RSS (README, Scale): the dossiers it keeps cached between their
   * tasks (about 0.8 MB each, docs/determinism.md "Shared modules") and a V8 heap capped so that the
   * garbage of evicted dossiers is collected rather than left to grow towards the machine's default limit.
   */
  worker: { cachedWorkflows: 500, maxOldSpaceMb: 640 },
} as const;

/** The settings only worker processes are given, from `worker` above. */
export const WORKER_ENVIRONMENT = {
  MOTCUA_WORKER_CACHED_WORKFLOWS: String(TOPOLOGY.worker.cachedWorkflows),
  NODE_OPTIONS: `--max-old-space-size=${TOPOLOGY.worker.maxOldSpaceMb}`,
} as const;

/**
 * The settings every worker and API process of the deployment is given. The three secrets must be the
 * same in every process: a token, an access code or a payload sealed by one is opened by another.
 */
export const APP_ENVIRONMENT = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'SMTP_URL',
  'MOTCUA_JWT_SECRET',
  'MOTCUA_ACCESS_CODE_PEPPER',
  'MOTCUA_PAYLOAD_KEYS',
  'MOTCUA_TEMPORAL_UI_ORIGINS',
  'MOTCUA_PUBLIC_BASE_URL',
] as const;

export type AppEnvironment = Record<(typeof APP_ENVIRONMENT)[number], string>;
