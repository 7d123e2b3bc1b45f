import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { updateKey } from '../keyAdmin.js';
import { keyIdMember } from '../shapes.js';

export const disableKeyRotation = defineOperation({
  name: 'DisableKeyRotation',
  input: structure({ KeyId: keyIdMember }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'use', changes: 'kms:DisableKeyRotation' });
    updateKey(ctx.store.db, key, { rotation_enabled: 0, rotation_period_days: null, next_rotation_at: null });
    return {};
  },
});
