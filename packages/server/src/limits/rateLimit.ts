/**
 * A per-access-key request rate limit, so one noisy client cannot starve the others. A token bucket
 * per key (capacity `burst`, refilled at `perSecond`); an empty bucket answers ThrottlingException
 * "Rate exceeded" with status 400, as the AWS services do — which the SDKs retry with backoff.
 * The key is the authenticated caller's: the bucket is taken after authentication, so in strict
 * mode a request with a bad signature (even one naming a real access key) spends nothing.
 */

import type { RequestHooks } from '../http/handleRequest.js';
import { AwsError } from '../protocol/awsError.js';

export interface RateLimitOptions {
  perSecond: number;
  /** Requests allowed at once after a quiet spell; defaults to one second's worth. */
  burst?: number;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets idle this long are dropped, bounding memory under many distinct keys. */
const IDLE_MS = 60_000;

export function rateLimitHook(options: RateLimitOptions): RequestHooks {
  const capacity = options.burst ?? options.perSecond;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();

  const take = (key: string): boolean => {
    const at = now();
    if (at - lastSweep > IDLE_MS) {
      for (const [k, bucket] of buckets) if (at - bucket.updatedAt > IDLE_MS) buckets.delete(k);
      lastSweep = at;
    }
    const bucket = buckets.get(key) ?? { tokens: capacity, updatedAt: at };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((at - bucket.updatedAt) / 1000) * options.perSecond);
    bucket.updatedAt = at;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };

  return {
    afterAuthentication(info) {
      if (!take(info.caller.accessKeyId)) throw new AwsError('ThrottlingException', 'Rate exceeded');
    },
  };
}
