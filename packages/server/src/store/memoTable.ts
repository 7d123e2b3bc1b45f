/**
 * Values kept under a key of several parts (a kind, then everything the value depends on), held as a
 * tree of maps with a level per part. A flat key would be a string built on every lookup, and V8
 * copies and hashes such a string anew each time; the hot reads look up about six memos a request.
 * The parts are mostly strings V8 has hashed before (a row's ARN, a constant), so a lookup here
 * costs a few map reads.
 */
export type MemoKey = readonly [kind: string, ...dependsOn: (string | number)[]];

/** What `lookup` answers for a key that holds nothing (a kept `undefined` is a value like any other). */
export const NOT_KEPT: unique symbol = Symbol('not kept');

interface Node {
  children: Map<string | number, Node> | undefined;
  kept: boolean;
  value: unknown;
}

const emptyNode = (): Node => ({ children: undefined, kept: false, value: undefined });

export class MemoTable {
  #root = emptyNode();
  #size = 0;

  /** Starts afresh rather than grow past `maxEntries` values. */
  constructor(private readonly maxEntries: number) {}

  lookup(key: MemoKey): unknown {
    let node: Node | undefined = this.#root;
    for (let i = 0; node !== undefined && i < key.length; i++) node = node.children?.get(key[i]!);
    return node?.kept ? node.value : NOT_KEPT;
  }

  keep(key: MemoKey, value: unknown): void {
    if (this.#size >= this.maxEntries && this.lookup(key) === NOT_KEPT) this.clear();
    let node = this.#root;
    for (const part of key) {
      node.children ??= new Map();
      let next = node.children.get(part);
      if (next === undefined) {
        next = emptyNode();
        node.children.set(part, next);
      }
      node = next;
    }
    if (!node.kept) this.#size++;
    node.kept = true;
    node.value = value;
  }

  clear(): void {
    this.#root = emptyNode();
    this.#size = 0;
  }
}
