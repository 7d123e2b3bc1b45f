import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { keyIdMember } from '../shapes.js';

const DAY_MS = 86_400_000;

export const getKeyRotationStatus = defineOperation({
  name: 'GetKeyRotationStatus',
  input: structure({ KeyId: keyIdMember }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'any' });
    if (!key.rotationEnabled) return { KeyId: key.arn, KeyRotationEnabled: false };
    const period = key.rotationPeriodDays ?? 365;
    // AWS-managed keys rotate yearly from their creation; customer keys from EnableKeyRotation.
    const next = key.nextRotationAt ?? key.createdAt + period * DAY_MS;
    return {
      KeyId: key.arn,
      KeyRotationEnabled: true,
      RotationPeriodInDays: period,
      NextRotationDate: next / 1000,
    };
  },
});
