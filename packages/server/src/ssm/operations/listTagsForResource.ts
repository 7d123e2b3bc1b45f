import { defineOperation } from '../../protocol/operation.js';
import { string, structure } from '../../protocol/shape.js';
import { resourceTypeMember } from '../shapes.js';
import { taggedParameter } from '../tagging.js';

export const listTagsForResource = defineOperation({
  name: 'ListTagsForResource',
  input: structure({ ResourceType: resourceTypeMember, ResourceId: string({ required: true }) }),
  handle(input, ctx) {
    const { store, name } = taggedParameter(ctx, input.ResourceType, input.ResourceId);
    return { TagList: store.tags(name) };
  },
});
