import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { updateKey } from '../keyAdmin.js';
import { keyIdMember } from '../shapes.js';

export const disableKey = defineOperation({
  name: 'DisableKey',
  input: structure({ KeyId: keyIdMember }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'manage', changes: 'kms:DisableKey' });
    updateKey(ctx.store.db, key, { state: 'Disabled' });
    return {};
  },
});
