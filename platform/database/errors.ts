/** What Prisma's errors mean, duck-typed so that loading this module loads neither generated client. */

/** Prisma's unique-constraint error (P2002), whichever generated client threw it. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Prisma's codes for an unreachable server, a timed-out connection or an exhausted pool. */
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Driver adapter error kinds with the same meaning (SQLite's SQLITE_BUSY arrives as SocketTimeout). */
const ADAPTER_UNAVAILABLE = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'DatabaseAccessDenied',
  'AuthenticationFailed',
  'SocketTimeout',
  'TooManyConnections',
  'ConnectionClosed',
  'TlsConnectionError',
]);
const SOCKET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

/**
 * Whether this error (not its causes) says the database cannot be reached now. Duck-typed, whichever
 * generated client threw it.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, meta } = error as {
    code?: unknown;
    name?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  if (name === 'PrismaClientInitializationError') return true;
  if (typeof code === 'string' && (PRISMA_UNAVAILABLE.has(code) || SOCKET_UNAVAILABLE.has(code))) return true;
  const kind = (meta?.driverAdapterError as { cause?: { kind?: unknown } } | undefined)?.cause?.kind;
  return typeof kind === 'string' && ADAPTER_UNAVAILABLE.has(kind);
}

/** A process writing the same row at the same moment may win its insert: ours then becomes the update. */
export async function retryOnConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return write();
  }
}
