import { defineOperation } from '../../protocol/operation.js';
import { string, structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { updateKey } from '../keyAdmin.js';
import { keyIdMember } from '../shapes.js';

export const updateKeyDescription = defineOperation({
  name: 'UpdateKeyDescription',
  input: structure({ KeyId: keyIdMember, Description: string({ required: true, min: 0, max: 8192 }) }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'manage', changes: 'kms:UpdateKeyDescription' });
    updateKey(ctx.store.db, key, { description: input.Description });
    return {};
  },
});
