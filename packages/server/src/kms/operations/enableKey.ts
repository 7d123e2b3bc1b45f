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
    const now = ctx.now.getTime();
    // KMS does not rotate a disabled key. Re-enabled with its material older than a rotation period,
    // the key rotates at once and every period from then on (not once for each period it missed):
    // the rotation falls due now, and the next lookup makes it (KmsEngine.catchUp).
    const overdue =
      key.state === 'Disabled' &&
      key.rotationEnabled &&
      key.nextRotationAt !== null &&
      key.nextRotationAt <= now;
    updateKey(ctx.store.db, key, { state: 'Enabled', ...(overdue ? { next_rotation_at: now } : {}) });
    return {};
  },
});
