/**
 * A Hush instance owns one cache and one fetch plan. Reads are served from the cache; an expired
 * value is still served while one background request refreshes it (stale-while-revalidate), and a
 * failed refresh keeps serving it up to `maxStaleMs`, reporting the failure once.
 */
import type { AwsJsonClientOptions } from './aws/awsJsonClient.js';
import type { Env } from './aws/environment.js';
import { LruCache } from './cache.js';
import { asHushError, type HushError, InvalidReferenceError, SecretNotFoundError } from './errors.js';
import { fetchKey } from './fetch/fetchKey.js';
import { FetchPlan } from './fetch/fetchPlan.js';
import { formatValue } from './fetch/formatValue.js';
import type { RawValue } from './fetch/rawValue.js';
import { DEFAULT_RETRY, type RetryOptions } from './fetch/retry.js';
import { parseReference } from './reference/index.js';
import type { Reference } from './reference/types.js';
import { Secret } from './secret.js';
import { directTransport } from './transport/direct.js';
import type { Transport } from './transport/transport.js';

export interface HushOptions extends AwsJsonClientOptions {
  /** How requests reach AWS; default: SigV4-signed HTTPS, no AWS SDK (see `directTransport`). */
  transport?: Transport;
  /** Cache TTL in ms (default 5 minutes); a reference's `?ttl=` wins. KMS env vars never expire. */
  ttlMs?: number;
  /** Fraction of the TTL taken off at random, so containers do not refresh in step (default 0.1). */
  jitter?: number;
  /** How long past its TTL a value may still be served while refreshes fail (default 1 hour). */
  maxStaleMs?: number;
  /** Cache entries kept (default 1000). */
  maxEntries?: number;
  retry?: Partial<RetryOptions>;
  /** Called once per failure streak of a background refresh (default: console.warn). */
  onError?: (error: HushError) => void;
  /**
   * Also read each secret's `NextRotationDate` (one DescribeSecret per secret, in parallel with the
   * values; needs `secretsmanager:DescribeSecret`) and let a cached value expire then, if sooner than
   * its TTL. Default false.
   */
  expireAtRotation?: boolean;
  /** The clock, in epoch ms (default `Date.now`); a simulation or test may move it forward. */
  now?: () => number;
}

export type ReferenceInput = string | Reference;

/** A cached value formatted for one reference's text, and its `Secret` once one was handed out. */
interface View {
  text: string;
  value: unknown;
  secret?: Secret<unknown>;
}

interface Entry {
  /** Undefined: known not to exist (kept for references with a fallback). */
  raw: RawValue | undefined;
  expiresAt: number;
  staleUntil: number;
  refreshing: boolean;
  failing: boolean;
  /** The value as formatted for the first reference read through this entry; most have no other. */
  view?: View;
  /** Views for further references sharing the fetch (`secretsmanager:db#user` beside `#password`). */
  moreViews?: Map<string, View>;
  /** The reference last peeked and its Secret: a defined secret's warm read skips finding its view. */
  last?: { ref: Reference; secret: Secret<unknown> };
}

const DEFAULT_TTL = 5 * 60_000;
const RETRY_FAILED_REFRESH_MS = 5_000;

export class Hush {
  readonly #cache: LruCache<Entry>;
  readonly #plan: FetchPlan;
  readonly #background = new Set<Promise<void>>();
  readonly #parsed = new Map<string, Reference>();
  readonly #ttlMs: number;
  readonly #jitter: number;
  readonly #maxStaleMs: number;
  readonly #onError: (error: HushError) => void;
  readonly #now: () => number;

  constructor(options: HushOptions = {}) {
    const env: Env = options.env ?? process.env;
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL;
    this.#jitter = options.jitter ?? 0.1;
    this.#maxStaleMs = options.maxStaleMs ?? 60 * 60_000;
    this.#cache = new LruCache(options.maxEntries ?? 1000);
    this.#onError =
      options.onError ?? ((error) => console.warn(`hush: ${error.message}; serving the cached value`));
    const transport = options.transport ?? directTransport(options);
    this.#now = options.now ?? Date.now;
    this.#plan = new FetchPlan(
      transport,
      { ...DEFAULT_RETRY, ...options.retry },
      env,
      options.expireAtRotation,
    );
  }

  /** Requests sent so far, by AWS operation. */
  get requests(): Readonly<Record<string, number>> {
    return this.#plan.requests;
  }

  /** Parses (once) and returns a reference. */
  reference(input: ReferenceInput): Reference {
    if (typeof input !== 'string') return input;
    let ref = this.#parsed.get(input);
    if (!ref) {
      try {
        ref = parseReference(input);
      } catch (error) {
        throw new InvalidReferenceError(input, error instanceof Error ? error.message : String(error), {
          cause: error,
        });
      }
      this.#parsed.set(input, ref);
    }
    return ref;
  }

  /** The value of one reference: from the cache when it has one, else fetched (batched with others). */
  async resolve<T = unknown>(input: ReferenceInput): Promise<T> {
    const ref = this.reference(input);
    const key = fetchKey(ref);
    const entry = this.#cache.get(key);
    if (entry && this.#usable(ref, key, entry)) return this.#view(ref, entry).value as T;
    return this.#view(ref, await this.#fetch(ref, key)).value as T;
  }

  /**
   * The cached value as a `Secret`, without waiting: undefined when nothing usable is cached. An
   * expired value is returned and refreshed in the background.
   */
  peekSecret(ref: Reference, key: string): Secret<unknown> | undefined {
    const entry = this.#cache.peek(key);
    if (!entry) return undefined;
    const last = entry.last;
    if (last?.ref === ref && this.#now() < entry.expiresAt) return last.secret;
    if (!this.#usable(ref, key, entry)) return undefined;
    const view = this.#view(ref, entry);
    view.secret ??= new Secret(view.value);
    entry.last = { ref, secret: view.secret };
    return view.secret;
  }

  /** Fetches now, whatever the cache holds, and returns the new value. */
  async refresh<T = unknown>(input: ReferenceInput): Promise<T> {
    const ref = this.reference(input);
    return this.#view(ref, await this.#fetch(ref, fetchKey(ref))).value as T;
  }

  /**
   * Runs `operation` with the secret's value; when it fails with an authentication error (the secret
   * was rotated), refreshes the secret and runs it once more.
   */
  async withFreshSecret<T, V = string>(
    input: ReferenceInput,
    operation: (value: V) => Promise<T> | T,
    isAuthFailure: (error: unknown) => boolean = looksLikeAuthFailure,
  ): Promise<T> {
    const value = await this.resolve<V>(input);
    try {
      return await operation(value);
    } catch (error) {
      if (!isAuthFailure(error)) throw error;
      return operation(await this.refresh<V>(input));
    }
  }

  /** Resolves when every background refresh started so far has finished. */
  async idle(): Promise<void> {
    while (this.#background.size > 0) await Promise.all(this.#background);
  }

  /** Forgets every cached value. */
  clear(): void {
    this.#cache.clear();
  }

  /** True when the entry may be served now; starts a background refresh when it has expired. */
  #usable(ref: Reference, key: string, entry: Entry): boolean {
    const now = this.#now();
    if (now < entry.expiresAt) return true;
    if (now >= entry.staleUntil) return false;
    if (!entry.refreshing) this.#revalidate(ref, key, entry);
    return true;
  }

  #revalidate(ref: Reference, key: string, entry: Entry): void {
    entry.refreshing = true;
    const done = this.#fetch(ref, key).then(
      () => undefined,
      (error: unknown) => {
        entry.refreshing = false;
        entry.expiresAt = this.#now() + Math.min(RETRY_FAILED_REFRESH_MS, this.#ttlFor(ref));
        if (!entry.failing) {
          entry.failing = true;
          this.#onError(asHushError(error, ref.text));
        }
      },
    );
    this.#background.add(done);
    void done.finally(() => this.#background.delete(done));
  }

  async #fetch(ref: Reference, key: string): Promise<Entry> {
    let raw: RawValue | undefined;
    try {
      raw = await this.#plan.load(ref, key);
    } catch (error) {
      if (!(error instanceof SecretNotFoundError && ref.fallback !== undefined)) throw error;
    }
    const ttl = this.#ttlFor(ref);
    const now = this.#now();
    let expiresAt = now + ttl * (1 - Math.random() * this.#jitter);
    const rotation = raw && 'nextRotationAt' in raw ? raw.nextRotationAt : undefined;
    if (rotation && rotation > now) expiresAt = Math.min(expiresAt, rotation);
    const entry: Entry = {
      raw,
      expiresAt,
      staleUntil: now + ttl + this.#maxStaleMs,
      refreshing: false,
      failing: false,
    };
    this.#cache.set(key, entry);
    return entry;
  }

  #ttlFor(ref: Reference): number {
    return ref.ttlMs ?? (ref.kind === 'kms' ? Infinity : this.#ttlMs);
  }

  #view(ref: Reference, entry: Entry): View {
    const first = entry.view;
    if (first?.text === ref.text) return first;
    let view = entry.moreViews?.get(ref.text);
    if (!view) {
      view = { text: ref.text, value: formatted(ref, entry.raw) };
      if (!first) entry.view = view;
      else {
        entry.moreViews ??= new Map();
        entry.moreViews.set(ref.text, view);
      }
    }
    return view;
  }
}

/** What `ref` reads from a fetched value: formatted, or for a value known not to exist its fallback. */
function formatted(ref: Reference, raw: RawValue | undefined): unknown {
  if (raw !== undefined) return formatValue(ref, raw);
  if (ref.fallback === undefined) throw new SecretNotFoundError(ref.text);
  return ref.fallback;
}

const AUTH_CODES = /^(?:28P01|ER_ACCESS_DENIED_ERROR|EAUTH|InvalidSignatureException)$/;
const AUTH_MESSAGE = /authenticat|unauthori[sz]ed|password|credential|forbidden|access denied/i;

/** A best guess across drivers: HTTP 401/403, well-known auth error codes, or an auth-ish message. */
export function looksLikeAuthFailure(error: unknown): boolean {
  // Object() gives a primitive (or null) an object without any of these members.
  const e: { status?: unknown; statusCode?: unknown; code?: unknown; message?: unknown } = Object(error);
  const status = e.status ?? e.statusCode;
  return (
    status === 401 ||
    status === 403 ||
    AUTH_CODES.test(String(e.code)) ||
    AUTH_MESSAGE.test(String(e.message))
  );
}
