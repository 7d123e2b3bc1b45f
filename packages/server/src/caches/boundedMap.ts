/**
 * A Map that starts afresh rather than hold more than `maxEntries`: for what the server keeps because
 * requests repeat it (compiled statements, parsed policies, signing keys, parsed bodies). Reads are
 * the built-in Map's; only adding a new key to a full map empties it first. Starting afresh, not
 * evicting one by one, keeps the hit path free of any bookkeeping, and a client that cycles through
 * more keys than the bound gets no worse than no cache.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly maxEntries: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.size >= this.maxEntries && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}
