/** A map that holds at most `capacity` entries, forgetting the least recently used first. */
export interface LruCache<Key, Value> {
  /** The value for `key`, which becomes the most recently used; `undefined` when absent. */
  get(key: Key): Value | undefined;
  /** Stores `value` as the most recently used, evicting the least recently used when full. */
  set(key: Key, value: Value): void;
  /** Forgets `key`. */
  delete(key: Key): void;
  /** The number of entries held. */
  readonly size: number;
}

/** Creates an empty {@link LruCache} holding at most `capacity` (at least 1) entries. */
export function createLruCache<Key, Value>(capacity: number): LruCache<Key, Value> {
  const limit = Math.max(capacity, 1);
  // A `Map` iterates in insertion order, so re-inserting on use keeps the oldest entry first.
  const entries = new Map<Key, Value>();
  return {
    get(key) {
      if (!entries.has(key)) return undefined;
      const value = entries.get(key) as Value;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > limit) entries.delete(entries.keys().next().value as Key);
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
