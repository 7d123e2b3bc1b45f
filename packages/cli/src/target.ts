/**
 * What a management command (put, get, rm, …) acts on: one SSM parameter or one secret, taken from
 * a reference in the shared grammar. A bare `/name` is taken as `ssm:/name`, as chamber users type it.
 */
import { parseReference, ReferenceSyntaxError } from 'hush/reference';

export type Target =
  | { store: 'ssm'; text: string; name: string; selector?: string; region?: string }
  | {
      store: 'secretsmanager';
      text: string;
      secretId: string;
      field?: string;
      versionStage?: string;
      versionId?: string;
      region?: string;
    };

export function parseTarget(text: string): Target {
  const reference = parseReference(text.startsWith('/') ? `ssm:${text}` : text);
  const region = reference.region ? { region: reference.region } : {};
  if (reference.kind === 'ssm') {
    const selector = reference.version !== undefined ? String(reference.version) : reference.label;
    return { store: 'ssm', text, name: reference.name, ...(selector ? { selector } : {}), ...region };
  }
  if (reference.kind === 'secretsmanager') {
    return {
      store: 'secretsmanager',
      text,
      secretId: reference.secretId,
      ...(reference.field ? { field: reference.field } : {}),
      ...(reference.versionStage ? { versionStage: reference.versionStage } : {}),
      ...(reference.versionId ? { versionId: reference.versionId } : {}),
      ...region,
    };
  }
  throw new ReferenceSyntaxError(text, 0, 'expected one parameter (ssm:/name) or secret (secretsmanager:id)');
}

/** `name:selector` as GetParameter takes it. */
export const ssmNameWithSelector = (target: { name: string; selector?: string }): string =>
  target.selector ? `${target.name}:${target.selector}` : target.name;

/** A listing prefix: `ssm:/app/` / `/app` → an SSM path, `secretsmanager:app/` → a name prefix. */
export type Prefix = { store: 'ssm'; path: string } | { store: 'secretsmanager'; prefix: string };

export function parsePrefix(text: string): Prefix {
  if (text.startsWith('secretsmanager:')) return { store: 'secretsmanager', prefix: text.slice(15) };
  const path = text.startsWith('ssm:') ? text.slice(4) : text;
  if (!path.startsWith('/')) {
    throw new ReferenceSyntaxError(text, 0, 'a prefix is ssm:/path, /path or secretsmanager:prefix');
  }
  return { store: 'ssm', path: path.length > 1 ? path.replace(/\/+$/, '') : path };
}
