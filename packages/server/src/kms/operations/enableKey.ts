import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { updateKey } from '../keyAdmin.js';
import { keyIdMember } from '../shapes.js';

export const enableKey = defineOperation({
  name: 'EnableKey',
  input: structure({ KeyId: keyIdMember }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'manage', changes: 'kms:EnableKey' });
    updateKey(ctx.store.db, key, { state: 'Enabled' });
    return {};
  },
});
