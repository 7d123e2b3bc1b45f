/**
 * KMS's Marker paging (`Limit`, `Marker` → `NextMarker`, `Truncated`) over an ordered list, on the
 * same after-the-last-item scheme SSM's NextToken uses; only the error and the member names differ.
 */
import { AwsError } from '../protocol/awsError.js';
import { paginate } from '../ssm/paging.js';

export interface MarkerPage<T> {
  items: T[];
  /** The paging members of the response: `Truncated` always, `NextMarker` when truncated. */
  members: { Truncated: boolean; NextMarker?: string };
}

/** `items` must be in ascending order of `keyOf`. */
export function pageByMarker<T>(
  items: readonly T[],
  keyOf: (item: T) => string | number,
  limit: number,
  marker: string | undefined,
): MarkerPage<T> {
  try {
    const page = paginate(items, keyOf, limit, marker);
    return {
      items: page.items,
      members:
        page.nextToken === undefined ? { Truncated: false } : { Truncated: true, NextMarker: page.nextToken },
    };
  } catch (error) {
    if (error instanceof AwsError) throw new AwsError('InvalidMarkerException', 'Invalid marker.');
    throw error;
  }
}
