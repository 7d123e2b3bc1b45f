import { defineOperation } from '../../protocol/operation.js';
import { list, string, structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { keyIdMember } from '../shapes.js';
import { removeTags } from '../tags.js';

export const untagResource = defineOperation({
  name: 'UntagResource',
  input: structure({
    KeyId: keyIdMember,
    TagKeys: list(string({ min: 1, max: 128 }), { required: true }),
  }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'manage', changes: 'kms:UntagResource' });
    removeTags(ctx.store.db, key, input.TagKeys);
    return {};
  },
});
