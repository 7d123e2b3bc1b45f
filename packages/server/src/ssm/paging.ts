/**
 * NextToken paging over an ordered list: the token names the last item of the page it ends, so
 * writes between pages neither repeat nor skip the items that remain.
 */
import { AwsError } from '../protocol/awsError.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

const invalidToken = () => new AwsError('InvalidNextToken', 'The specified token is not valid.');

function decode(token: string): string | number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string' || typeof parsed.after === 'number') return parsed.after;
  } catch {
    // falls through to the AWS error
  }
  throw invalidToken();
}

const encode = (after: string | number): string =>
  Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');

/** `items` must be in ascending order of `keyOf`. */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string | number,
  maxResults: number,
  nextToken: string | undefined,
): Page<T> {
  let start = 0;
  if (nextToken !== undefined) {
    const after = decode(nextToken);
    start = items.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = items.length;
  }
  const pageItems = items.slice(start, start + maxResults);
  const more = start + maxResults < items.length;
  const last = pageItems[pageItems.length - 1];
  return more && last !== undefined
    ? { items: pageItems, nextToken: encode(keyOf(last)) }
    : { items: pageItems };
}
