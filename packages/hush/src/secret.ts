/**
 * A secret value that refuses to print. `console.log`, `util.inspect`, `JSON.stringify`, template
 * strings, string concatenation and error messages all see `[REDACTED]`; only `reveal()` hands out the
 * plain value, so every place that uses a secret is greppable.
 */
export const REDACTED = '[REDACTED]';

/** The key `util.inspect` (so `console.log`) calls for an object's printed form. */
export const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

export class Secret<T = string> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  /** The plain value. */
  reveal(): T {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspectSymbol](): string {
    return `Secret(${REDACTED})`;
  }
}

export const isSecret = (value: unknown): value is Secret<unknown> => value instanceof Secret;
