/**
 * One reference grammar for the runtime, `hush resolve`, `hush run` and `hush scan`.
 * `parseReference` takes a whole reference in any dialect; `findReferences` finds the ones embedded
 * in a larger text.
 */
import { parseCloudFormation } from './parseCloudFormation.js';
import { isNativeReference, parseNative } from './parseNative.js';
import { parseServerless } from './parseServerless.js';
import { ReferenceSyntaxError } from './referenceSyntaxError.js';
import type { Reference } from './types.js';

export { type FoundReference, findReferences } from './findReferences.js';
export { isNativeReference } from './parseNative.js';
export { ReferenceSyntaxError } from './referenceSyntaxError.js';
export type * from './types.js';

export function parseReference(text: string): Reference {
  const trimmed = text.trim();
  if (trimmed.startsWith('${')) return parseServerless(trimmed);
  if (trimmed.startsWith('{{')) return parseCloudFormation(trimmed);
  if (/^[a-z]+:/.test(trimmed)) return parseNative(trimmed);
  throw new ReferenceSyntaxError(
    text,
    0,
    'not a reference (expected ssm:, secretsmanager:, kms:, ${ssm:…} or {{resolve:…}})',
  );
}

/** True when the whole value is a reference in one of the three dialects. */
export function isReference(value: string): boolean {
  const trimmed = value.trim();
  return (
    isNativeReference(trimmed) ||
    /^\$\{\s*ssm[(:].*\}$/s.test(trimmed) ||
    (trimmed.startsWith('{{resolve:') && trimmed.endsWith('}}'))
  );
}
