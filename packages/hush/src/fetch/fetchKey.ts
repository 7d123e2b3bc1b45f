/**
 * The cache and de-duplication key of a reference: what is fetched, not how it is formatted, so
 * `secretsmanager:db#user` and `secretsmanager:db#password` share one fetch and one cache entry.
 */
import type { Reference } from '../reference/types.js';

export function fetchKey(ref: Reference): string {
  // Array.join writes an undefined region, stage or version id as an empty string.
  return [ref.kind, ref.region, ...fetchedBy(ref)].join('\0');
}

function fetchedBy(ref: Reference): unknown[] {
  switch (ref.kind) {
    case 'ssm':
      return [ref.decrypt, ssmName(ref)];
    case 'ssm-path':
      return [ref.decrypt, ref.recursive, ref.path];
    case 'secretsmanager':
      return [ref.secretId, ref.versionStage, ref.versionId];
    case 'kms':
      return [ref.ciphertext];
  }
}

/** The name as GetParameters takes it: `name`, `name:3` or `name:label`. */
export function ssmName(ref: { name: string; version?: number; label?: string }): string {
  // A reference has a version or a label, never both.
  const selector = ref.version ?? ref.label;
  return selector === undefined ? ref.name : `${ref.name}:${selector}`;
}
