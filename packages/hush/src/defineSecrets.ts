/**
 * `defineSecrets` declares a function's secrets once, at module scope. The prefetch starts right
 * there (Lambda INIT), so the first invocation usually finds every value cached; the handler reads
 * them synchronously as `Secret`s, typed from their references.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { asHushError, HushError, InvalidValueError, SecretsError } from './errors.js';
import { fetchKey } from './fetch/fetchKey.js';
import type { Hush } from './hush.js';
import { isReference } from './reference/index.js';
import type { Reference } from './reference/types.js';
import { inspectSymbol, Secret } from './secret.js';

/** A reference with a Standard Schema (zod, valibot, arktype…) that validates its parsed value. */
export interface SchemaEntry<S extends StandardSchemaV1 = StandardSchemaV1> {
  ref: string;
  schema: S;
}

export type SecretEntry = string | SchemaEntry;

/** The value type a reference yields, read from its text. */
export type ValueOfReference<R extends string> = R extends `${string}?${string}binary${string}`
  ? Buffer
  : R extends `${string}?${string}json${string}` | `secretsmanager:${string}#${string}`
    ? unknown
    : R extends `${string}?${string}list${string}`
      ? string[]
      : R extends `ssm:${string}/?${string}` | `ssm:${string}/`
        ? Record<string, string | string[]>
        : string;

export type ValueOfEntry<E> =
  E extends SchemaEntry<infer S>
    ? StandardSchemaV1.InferOutput<S>
    : E extends string
      ? ValueOfReference<E>
      : never;

export type SecretValues<D extends Record<string, SecretEntry>> = {
  readonly [K in keyof D]: Secret<ValueOfEntry<D[K]>>;
};

export interface DefineSecretsOptions {
  /** The Hush instance to read through (default: the shared one behind `resolve`). */
  hush?: Hush;
  /** Where env-var entries are read (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

interface Slot {
  name: string;
  /** Undefined for an env var whose value is not a reference (`literal` holds the value). */
  ref?: Reference;
  key: string;
  literal?: Secret<unknown>;
  schema: StandardSchemaV1 | undefined;
  validated: WeakMap<Secret<unknown>, Secret<unknown>>;
}

export class SecretSet<D extends Record<string, SecretEntry>> {
  /** The values, read synchronously once `load()` has resolved. */
  readonly values: SecretValues<D>;
  /** The prefetch started at definition (already handled: awaiting `load()` reports its failure). */
  readonly ready: Promise<SecretValues<D>>;
  readonly #slots: Slot[];
  readonly #hush: Hush;
  /** The fetch under way, if any: a `load()` meanwhile joins it instead of asking for every value again. */
  #fetching: Promise<SecretValues<D>> | undefined;

  constructor(hush: Hush, definitions: D, env: Readonly<Record<string, string | undefined>>) {
    this.#hush = hush;
    this.#slots = Object.entries(definitions).map(([name, entry]) => slotFor(hush, name, entry, env));
    const values = {} as Record<string, Secret<unknown>>;
    for (const slot of this.#slots) {
      Object.defineProperty(values, slot.name, { enumerable: true, get: () => this.#read(slot) });
    }
    // console.log(values) would show `[Getter]` per key; show each (redacted) Secret instead.
    Object.defineProperty(values, inspectSymbol, {
      value: () => Object.fromEntries(this.#slots.map((slot) => [slot.name, this.#printable(slot)])),
    });
    this.values = values as SecretValues<D>;
    this.ready = this.#fetchMissing();
    this.ready.catch(() => undefined);
  }

  /** Resolves with the values once every one is usable; rejects with a `SecretsError` naming every failure. */
  load(): Promise<SecretValues<D>> {
    for (const slot of this.#slots) {
      if (slot.ref && !this.#hush.peekSecret(slot.ref, slot.key)) return this.#fetchMissing();
    }
    return this.#validateAll();
  }

  /** One value, unwrapped. */
  reveal<K extends keyof D & string>(name: K): ValueOfEntry<D[K]> {
    return this.values[name].reveal();
  }

  #fetchMissing(): Promise<SecretValues<D>> {
    this.#fetching ??= this.#fetchEach().finally(() => {
      this.#fetching = undefined;
    });
    return this.#fetching;
  }

  async #fetchEach(): Promise<SecretValues<D>> {
    const outcomes = await Promise.allSettled(
      this.#slots.map((slot) => slot.ref && this.#hush.resolve(slot.ref)),
    );
    const failures: Record<string, HushError> = {};
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'rejected') failures[this.#slots[i]!.name] = asHushError(outcome.reason);
    });
    throwIfAny(failures);
    return this.#validateAll();
  }

  async #validateAll(): Promise<SecretValues<D>> {
    const failures: Record<string, HushError> = {};
    for (const slot of this.#slots) {
      if (!slot.schema) continue;
      const raw = this.#read(slot, false);
      if (slot.validated.has(raw)) continue;
      const result = await slot.schema['~standard'].validate(raw.reveal());
      if (result.issues) {
        const messages = result.issues.map((issue) => issue.message).join('; ');
        failures[slot.name] = new InvalidValueError(
          slot.ref?.text ?? slot.name,
          `does not match its schema: ${messages}`,
        );
      } else {
        slot.validated.set(raw, new Secret(result.value));
      }
    }
    throwIfAny(failures);
    return this.values;
  }

  #printable(slot: Slot): Secret<unknown> | string {
    try {
      return this.#read(slot);
    } catch {
      return '<not loaded>';
    }
  }

  /** The slot's value: validated when it has a schema, unless `validated` is false. */
  #read(slot: Slot, validated = true): Secret<unknown> {
    const raw = slot.literal ?? (slot.ref && this.#hush.peekSecret(slot.ref, slot.key));
    const secret = raw && validated && slot.schema ? slot.validated.get(raw) : raw;
    if (!secret) {
      const missing = raw ? 'validated' : 'loaded';
      throw new HushError(`${slot.name}: not ${missing} yet (await secrets.load())`, slot.ref?.text);
    }
    return secret;
  }
}

function slotFor(
  hush: Hush,
  name: string,
  entry: SecretEntry,
  env: Readonly<Record<string, string | undefined>>,
): Slot {
  const { ref: text, schema } = typeof entry === 'string' ? { ref: entry, schema: undefined } : entry;
  const slot: Slot = { name, schema, key: '', validated: new WeakMap() };
  let reference = text;
  // An env var's name: its value is a reference, or (local development) the value itself.
  if (/^[A-Za-z_]\w*$/.test(text)) {
    const value = env[text];
    if (value === undefined) throw new HushError(`${name}: environment variable ${text} is not set`, text);
    if (!isReference(value)) {
      slot.literal = new Secret(value);
      return slot;
    }
    reference = value;
  }
  slot.ref = hush.reference(reference);
  slot.key = fetchKey(slot.ref);
  return slot;
}

function throwIfAny(failures: Record<string, HushError>): void {
  if (Object.keys(failures).length > 0) throw new SecretsError(failures);
}
