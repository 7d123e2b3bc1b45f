/**
 * What the fetch plan needs from the network: one AWS JSON operation at a time. The direct client,
 * the Lambda extension and a caller's AWS SDK v3 client all fit behind it, so batching, retries and
 * caching are written once.
 */
import type { ServiceName } from '../aws/services.js';

export interface TransportCallOptions {
  /**
   * Give up on the call after this many ms and reject with `AttemptTimeout` (from `hush/aws`); the
   * retry loop sets it for every attempt.
   */
  timeoutMs?: number;
  region?: string;
}

export interface Transport {
  call<T = Record<string, unknown>>(
    service: ServiceName,
    operation: string,
    input: object,
    options?: TransportCallOptions,
  ): Promise<T>;
}
