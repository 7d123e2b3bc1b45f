/**
 * A bounded map with least-recently-used eviction: Map keeps insertion order, so a hit moves its
 * key to the end and eviction drops the first key.
 */
export class LruCache<V> {
  readonly #map = new Map<string, V>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** Looks up without touching the order (the hot path of defined secrets). */
  peek(key: string): V | undefined {
    return this.#map.get(key);
  }

  get(key: string): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.#maxEntries) {
      const oldest = this.#map.keys().next().value;
      if (oldest !== undefined) this.#map.delete(oldest);
    }
  }

  clear(): void {
    this.#map.clear();
  }
}
