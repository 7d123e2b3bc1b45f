/**
 * The Middy middleware: `middy(handler).use(hushSecrets(secrets))` loads the values before the
 * handler and puts them on `request.context.secrets` (redacted `Secret`s).
 */
import type { SecretEntry, SecretSet, SecretValues } from './defineSecrets.js';

export interface HushMiddyOptions {
  /** Name of the context property (default `secrets`). */
  contextKey?: string;
}

interface MiddyRequest {
  context: object;
}

export function hushSecrets<D extends Record<string, SecretEntry>>(
  secrets: SecretSet<D>,
  options: HushMiddyOptions = {},
): { before: (request: MiddyRequest) => Promise<void> } {
  const key = options.contextKey ?? 'secrets';
  return {
    async before(request) {
      const values: SecretValues<D> = await secrets.load();
      Object.assign(request.context, { [key]: values });
    },
  };
}

export default hushSecrets;
