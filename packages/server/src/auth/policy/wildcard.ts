/**
 * IAM's wildcard matching: `*` matches any run of characters (including none and including `:`
 * and `/`), `?` exactly one. Actions compare case-insensitively, resources and string conditions
 * case-sensitively, as AWS documents.
 */
import { BoundedMap } from '../../caches/boundedMap.js';

const cache = new BoundedMap<string, RegExp>(10_000);

function compile(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = cache.get(cacheKey);
  if (!regex) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    cache.set(cacheKey, regex);
  }
  return regex;
}

const hasWildcard = (pattern: string): boolean => pattern.includes('*') || pattern.includes('?');

export const wildcardMatch = (pattern: string, value: string, ignoreCase = false): boolean => {
  if (pattern === '*') return true;
  // Most patterns name one action or resource exactly: no expression needed.
  if (!hasWildcard(pattern)) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  return compile(pattern, ignoreCase).test(value);
};

/** Actions: `service:Action`, case-insensitive. */
export const actionMatches = (pattern: string, action: string): boolean =>
  wildcardMatch(pattern, action, true);

/**
 * ARN matching as `ArnLike` and `Resource` do it: the six colon-separated parts are compared one by
 * one, so a `*` in the region part cannot swallow the account part. The last part keeps its colons.
 */
export function arnMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const want = splitArn(pattern);
  const have = splitArn(arn);
  // A pattern or value that is not a six-part ARN only matches literally (or as a plain glob when
  // neither side is an ARN), so a malformed pattern cannot match more than it says.
  if (!want && !have) return wildcardMatch(pattern, arn);
  if (!want || !have) return false;
  return want.every((part, i) => wildcardMatch(part, have[i]!));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
