import { defineOperation } from '../../protocol/operation.js';
import { integer, structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { updateKey } from '../keyAdmin.js';
import { DAY_MS, DEFAULT_ROTATION_DAYS } from '../keySchedule.js';
import { keyIdMember } from '../shapes.js';

export const enableKeyRotation = defineOperation({
  name: 'EnableKeyRotation',
  input: structure({ KeyId: keyIdMember, RotationPeriodInDays: integer({ min: 90, max: 2560 }) }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'use', changes: 'kms:EnableKeyRotation' });
    const days = input.RotationPeriodInDays ?? DEFAULT_ROTATION_DAYS;
    updateKey(ctx.store.db, key, {
      rotation_enabled: 1,
      rotation_period_days: days,
      next_rotation_at: ctx.now.getTime() + days * DAY_MS,
    });
    return {};
  },
});
