import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { string, structure } from '../../protocol/shape.js';
import { resourceTypeMember, tagListMember } from '../shapes.js';
import { MAX_TAGS, taggedParameter } from '../tagging.js';

export const addTagsToResource = defineOperation({
  name: 'AddTagsToResource',
  input: structure({
    ResourceType: resourceTypeMember,
    ResourceId: string({ required: true }),
    Tags: { ...tagListMember, required: true },
  }),
  handle(input, ctx) {
    const { store, name } = taggedParameter(ctx, input.ResourceType, input.ResourceId);
    const keys = new Set([...store.tags(name).map((t) => t.Key), ...input.Tags.map((t) => t.Key)]);
    if (keys.size > MAX_TAGS) {
      throw new AwsError('TooManyTagsError', `The Tags parameter can have at most ${MAX_TAGS} tags.`);
    }
    store.putTags(name, input.Tags);
    return {};
  },
});
