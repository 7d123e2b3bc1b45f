import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { DEFAULT_ROTATION_DAYS } from '../keySchedule.js';
import { keyIdMember } from '../shapes.js';

export const getKeyRotationStatus = defineOperation({
  name: 'GetKeyRotationStatus',
  input: structure({ KeyId: keyIdMember }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'any' });
    // A key pending deletion reports rotation as off; cancelling the deletion brings it back.
    if (!key.rotationEnabled || key.state === 'PendingDeletion') {
      return { KeyId: key.arn, KeyRotationEnabled: false };
    }
    // AWS-managed keys rotate yearly from their creation; customer keys from EnableKeyRotation.
    return {
      KeyId: key.arn,
      KeyRotationEnabled: true,
      RotationPeriodInDays: key.rotationPeriodDays ?? DEFAULT_ROTATION_DAYS,
      NextRotationDate: key.nextRotationAt! / 1000,
    };
  },
});
