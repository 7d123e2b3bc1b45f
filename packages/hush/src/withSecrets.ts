/**
 * A plain Lambda handler wrapper: each invocation waits for the values only when some are missing
 * (cold start, or evicted), then calls the handler with them as a third argument.
 */
import type { SecretEntry, SecretSet, SecretValues } from './defineSecrets.js';

export function withSecrets<D extends Record<string, SecretEntry>, E, C, R>(
  secrets: SecretSet<D>,
  handler: (event: E, context: C, secrets: SecretValues<D>) => Promise<R> | R,
): (event: E, context: C) => Promise<R> {
  return async (event, context) => handler(event, context, await secrets.load());
}
