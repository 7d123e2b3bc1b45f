import { defineOperation } from '../../protocol/operation.js';
import { list, structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { keyIdMember } from '../shapes.js';
import { assertValidTags, listTags, putTags, tagMember } from '../tags.js';

export const tagResource = defineOperation({
  name: 'TagResource',
  input: structure({ KeyId: keyIdMember, Tags: list(tagMember, { required: true }) }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'manage', changes: 'kms:TagResource' });
    assertValidTags(input.Tags, listTags(ctx.store.db, key));
    putTags(ctx.store.db, key, input.Tags);
    return {};
  },
});
