/**
 * Identical reads within a short window share one database round trip: when a hundred clerks of a desk
 * refresh the same worklist, the database answers once and everyone gets its answer. Any state change made
 * through this API clears them all, so a clerk never sees the worklist of before their own action; what the
 * worker changes by itself (timers) shows within `ttlMs`, and so does a change made through another
 * instance of the API.
 */
export class SharedReads {
  private readonly entries = new Map<string, { at: number; value: Promise<string> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
  ) {}

  /** The serialised answer of `key`, loaded once per window; a failed load is not kept. */
  get(key: string, load: () => Promise<string>): Promise<string> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && now - entry.at < this.ttlMs) return entry.value;
    const value = load();
    if (this.ttlMs <= 0) return value;
    this.entries.delete(key);
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Something changed: no answer loaded before now is given again. */
  clear(): void {
    this.entries.clear();
  }
}
