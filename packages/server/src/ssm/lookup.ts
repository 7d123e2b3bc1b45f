/** Finding the version a read names: by name or ARN, with a `:version` or `:label` selector. */
import { AwsError } from '../protocol/awsError.js';
import type { OperationContext } from '../protocol/operation.js';
import { invalidNameError, isWellFormedName, parseReference } from './names.js';
import { type ParameterStore, type ParameterVersion, scopeOf } from './parameterStore.js';

export interface Found {
  version: ParameterVersion;
  /** `:3` / `:live` when the caller asked with a selector. */
  selector?: string;
}

/** GetParameter's ParameterNotFound carries no message on AWS. */
export const parameterNotFound = (): AwsError => new AwsError('ParameterNotFound', '');

/** ParameterNotFound as the history and label operations word it. */
export const namedParameterNotFound = (name: string): AwsError =>
  new AwsError('ParameterNotFound', `Parameter ${name} not found.`);

export const versionNotFound = (name: string, version: number): AwsError =>
  new AwsError(
    'ParameterVersionNotFound',
    `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`,
  );

/** Resolves a name as GetParameter accepts it, or throws the error AWS gives. */
export function findReferenced(ctx: OperationContext, store: ParameterStore, reference: string): Found {
  const parsed = parseReference(scopeOf(ctx), reference);
  if (!parsed) throw parameterNotFound();
  if (!reference.startsWith('arn:') && !isWellFormedName(parsed.names[0]!)) throw invalidNameError();
  const selector = parsed.selector;
  if (!selector) {
    // A parameter always has a version, so its latest version is also the test that it exists.
    for (const candidate of parsed.names) {
      const latest = store.latest(candidate);
      if (latest) return { version: latest };
    }
    throw parameterNotFound();
  }
  const name = parsed.names.find((candidate) => store.exists(candidate));
  if (name === undefined) throw parameterNotFound();
  let version: ParameterVersion | undefined;
  if (selector.kind === 'version') {
    version = store.version(name, selector.version);
    if (!version) throw versionNotFound(name, selector.version);
  } else {
    version = store.labelled(name, selector.label);
  }
  if (!version) throw parameterNotFound();
  return parsed.selectorText !== undefined ? { version, selector: parsed.selectorText } : { version };
}

/** Names a parameter operation acts on whole (no selector): the name itself, or its ARN. */
export function plainName(
  ctx: OperationContext,
  store: ParameterStore,
  reference: string,
): string | undefined {
  if (!reference.startsWith('arn:')) return store.exists(reference) ? reference : undefined;
  const parsed = parseReference(scopeOf(ctx), reference);
  if (!parsed || parsed.selector) return undefined;
  return parsed.names.find((candidate) => store.exists(candidate));
}
