import { LRUCache } from 'lru-cache';
import { SerializedJson } from './errors';

/**
 * Identical reads within a short window share one database round trip: when a hundred clerks of a desk
 * refresh the same worklist, the database answers once and everyone gets its answer. Any state change made
 * through this API clears them all, so a clerk never sees the worklist of before their own action; what the
 * worker changes by itself (timers) shows within `ttlMs`, and so does a change made through another
 * instance of the API.
 */
export class SharedReads {
  private readonly entries: LRUCache<string, Promise<SerializedJson>> | undefined;

  constructor(ttlMs: number, maxEntries = 1_000) {
    this.entries = ttlMs > 0 ? new LRUCache({ max: maxEntries, ttl: ttlMs }) : undefined;
  }

  /** The serialised answer of `key`, loaded once per window; a failed load is not kept. */
  get(key: string, load: () => Promise<string>): Promise<SerializedJson> {
    const entries = this.entries;
    const known = entries?.get(key);
    if (known) return known;
    const value = load().then((text) => new SerializedJson(text));
    if (!entries) return value;
    entries.set(key, value);
    value.catch(() => {
      if (entries.get(key) === value) entries.delete(key);
    });
    return value;
  }

  /** Something changed: no answer loaded before now is given again. */
  clear(): void {
    this.entries?.clear();
  }
}
