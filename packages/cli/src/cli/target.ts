/**
 * What a management command acts on: one SSM parameter or one secret, named by a reference in the
 * shared grammar, or a prefix of names in one store (`ssm:/prod/`, `secretsmanager:prod/`).
 */
import {
  parseReference,
  ReferenceSyntaxError,
  type SecretsManagerReference,
  type SsmParameterReference,
} from 'hush/reference';
import { usageError } from './errors.js';

export type Target =
  | { store: 'ssm'; name: string; region?: string; ref: SsmParameterReference }
  | {
      store: 'secretsmanager';
      secretId: string;
      region?: string;
      field?: string;
      ref: SecretsManagerReference;
    };

export interface TargetRules {
  /** `ssm:/p:3`, `ssm:/p:label`, `?stage=`/`?versionId=` are allowed (reads only). */
  selector?: boolean;
  /** `secretsmanager:s#field` is allowed. */
  field?: boolean;
}

export function parseTarget(text: string, verb: string, rules: TargetRules = {}): Target {
  let ref: ReturnType<typeof parseReference>;
  try {
    ref = parseReference(text);
  } catch (error) {
    if (error instanceof ReferenceSyntaxError) throw usageError(error.message);
    throw error;
  }
  const region = ref.region ? { region: ref.region } : {};
  if (ref.kind === 'ssm') {
    if (!rules.selector && (ref.version !== undefined || ref.label !== undefined)) {
      throw usageError(`${text}: hush ${verb} takes a parameter name without a version or label`);
    }
    return { store: 'ssm', name: ref.name, ...region, ref };
  }
  if (ref.kind === 'secretsmanager') {
    if (!rules.selector && (ref.versionStage || ref.versionId)) {
      throw usageError(`${text}: hush ${verb} takes a secret without ?stage= or ?versionId=`);
    }
    if (!rules.field && ref.field !== undefined) {
      throw usageError(`${text}: hush ${verb} takes a secret without a #field`);
    }
    return {
      store: 'secretsmanager',
      secretId: ref.secretId,
      ...region,
      ...(ref.field !== undefined ? { field: ref.field } : {}),
      ref,
    };
  }
  throw usageError(`${text}: hush ${verb} works on ssm: parameters and secretsmanager: secrets`);
}

export interface Prefix {
  store: 'ssm' | 'secretsmanager';
  /** Names that start with this (may be empty: everything). */
  prefix: string;
  /** How names are shown: `ssm:` + name, `secretsmanager:` + name. */
  scheme: 'ssm:' | 'secretsmanager:';
}

export function parsePrefix(text: string): Prefix {
  if (text.startsWith('ssm:')) return { store: 'ssm', prefix: text.slice(4), scheme: 'ssm:' };
  if (text.startsWith('secretsmanager:')) {
    return { store: 'secretsmanager', prefix: text.slice(15), scheme: 'secretsmanager:' };
  }
  if (text.startsWith('/')) return { store: 'ssm', prefix: text, scheme: 'ssm:' };
  throw usageError(`${text}: expected a prefix such as ssm:/prod/ or secretsmanager:prod/`);
}
