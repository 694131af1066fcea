import { createHash } from 'node:crypto';

/**
 * Where the bytes of dossier documents live, addressed by their SHA-256: the same scan attached twice is
 * stored once, and a hash kept in the read model names its bytes for good. Implementations store all or
 * nothing, so that a reader never meets half a file under a hash.
 */
export interface DocumentStore {
  /** Stores the bytes (a no-op when they are there already) and answers their hash. */
  put(bytes: Buffer): Promise<StoredBytes>;
  /** The bytes under a hash, or undefined when the store has none. */
  get(sha256: string): Promise<Buffer | undefined>;
  /** Where it keeps them, for the logs. */
  readonly description: string;
}

export interface StoredBytes {
  sha256: string;
  size: number;
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A hash as the stores accept it: 64 lower-case hex digits, so that it can never name a path outside. */
export function isSha256(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}
