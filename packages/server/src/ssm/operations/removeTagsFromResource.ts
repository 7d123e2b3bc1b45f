import { defineOperation } from '../../protocol/operation.js';
import { list, string, structure } from '../../protocol/shape.js';
import { resourceTypeMember, tagKeyMember } from '../shapes.js';
import { taggedParameter } from '../tagging.js';

export const removeTagsFromResource = defineOperation({
  name: 'RemoveTagsFromResource',
  input: structure({
    ResourceType: resourceTypeMember,
    ResourceId: string({ required: true }),
    TagKeys: list(tagKeyMember, { required: true }),
  }),
  handle(input, ctx) {
    const { store, name } = taggedParameter(ctx, input.ResourceType, input.ResourceId);
    store.removeTags(name, input.TagKeys);
    return {};
  },
});
