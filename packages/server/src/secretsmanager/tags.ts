/** Tag rules shared by CreateSecret and TagResource. */
import { AwsError } from '../protocol/awsError.js';
import { invalidParameter } from './errors.js';

export const MAX_TAGS = 50;

export function assertTags(tags: readonly { Key?: string; Value?: string }[], existing = 0): void {
  for (const tag of tags) {
    if (tag.Key === undefined || tag.Value === undefined) {
      throw invalidParameter('You must provide both a key and a value for each tag.');
    }
    if (tag.Key.toLowerCase().startsWith('aws:')) {
      throw invalidParameter('Invalid tag key. Tag keys with the prefix aws: are reserved for AWS use.');
    }
  }
  if (new Set(tags.map((t) => t.Key)).size + existing > MAX_TAGS) {
    throw new AwsError('LimitExceededException', `A secret can have at most ${MAX_TAGS} tags.`);
  }
}
