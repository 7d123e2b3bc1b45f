/**
 * hush: read a Lambda's secrets by reference — batched at cold start, then from a cache that never
 * blocks. `resolve` and `defineSecrets` share one default instance; make your own `new Hush(options)`
 * for a separate cache or transport.
 */
import { type DefineSecretsOptions, type SecretEntry, SecretSet } from './defineSecrets.js';
import { Hush, type ReferenceInput } from './hush.js';

export {
  type DefineSecretsOptions,
  type SchemaEntry,
  type SecretEntry,
  SecretSet,
  type SecretValues,
  type ValueOfEntry,
  type ValueOfReference,
} from './defineSecrets.js';
export {
  AccessDeniedError,
  DecryptionError,
  HushError,
  InvalidReferenceError,
  InvalidValueError,
  SecretNotFoundError,
  SecretsError,
  ServiceUnavailableError,
  ThrottledError,
  TimeoutError,
} from './errors.js';
export { Hush, type HushOptions, looksLikeAuthFailure, type ReferenceInput } from './hush.js';
export { isSecret, REDACTED, Secret } from './secret.js';
export { directTransport } from './transport/direct.js';
export { type ExtensionTransportOptions, extensionTransport } from './transport/extension.js';
export { type SdkClient, type SdkTransportOptions, sdkTransport } from './transport/sdk.js';
export type { Transport, TransportCallOptions } from './transport/transport.js';
export { withSecrets } from './withSecrets.js';

let shared: Hush | undefined;

/** The instance behind `resolve`, `refresh`, `withFreshSecret` and `defineSecrets`. */
export function defaultHush(): Hush {
  shared ??= new Hush();
  return shared;
}

/** One value by reference, e.g. `await resolve('ssm:/prod/db/password')`. */
export function resolve<T = unknown>(reference: ReferenceInput): Promise<T> {
  return defaultHush().resolve<T>(reference);
}

export function refresh<T = unknown>(reference: ReferenceInput): Promise<T> {
  return defaultHush().refresh<T>(reference);
}

export function withFreshSecret<T, V = string>(
  reference: ReferenceInput,
  operation: (value: V) => Promise<T> | T,
  isAuthFailure?: (error: unknown) => boolean,
): Promise<T> {
  return defaultHush().withFreshSecret(reference, operation, isAuthFailure);
}

/** Declares secrets by reference (or by the name of an env var holding one); the prefetch starts now. */
export function defineSecrets<const D extends Record<string, SecretEntry>>(
  definitions: D,
  options: DefineSecretsOptions = {},
): SecretSet<D> {
  return new SecretSet(options.hush ?? defaultHush(), definitions, options.env ?? process.env);
}
