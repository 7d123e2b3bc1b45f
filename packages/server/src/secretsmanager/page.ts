/** NextToken paging as Secrets Manager words its token error (the walk itself is SSM's helper). */
import { AwsError } from '../protocol/awsError.js';
import { type Page, paginate } from '../ssm/paging.js';

export function page<T>(
  items: readonly T[],
  keyOf: (item: T) => string | number,
  maxResults: number,
  nextToken: string | undefined,
): Page<T> {
  try {
    return paginate(items, keyOf, maxResults, nextToken);
  } catch (error) {
    if (error instanceof AwsError && error.code === 'InvalidNextToken') {
      throw new AwsError('InvalidNextTokenException', 'The NextToken value is invalid.');
    }
    throw error;
  }
}
