import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { integer, structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { updateKey } from '../keyAdmin.js';
import { DAY_MS } from '../keySchedule.js';
import { keyIdMember } from '../shapes.js';

export const scheduleKeyDeletion = defineOperation({
  name: 'ScheduleKeyDeletion',
  // The model allows 1–365; the service itself accepts only 7–30.
  input: structure({ KeyId: keyIdMember, PendingWindowInDays: integer({ min: 1, max: 365 }) }),
  handle(input, ctx) {
    const days = input.PendingWindowInDays ?? 30;
    if (days < 7 || days > 30) {
      throw new AwsError(
        'ValidationException',
        `PendingWindowInDays should be between 7 and 30, but it is ${days}`,
      );
    }
    const key = keyFor(ctx, input.KeyId, { states: 'manage', changes: 'kms:ScheduleKeyDeletion' });
    const deletionDate = ctx.now.getTime() + days * DAY_MS;
    updateKey(ctx.store.db, key, {
      state: 'PendingDeletion',
      deletion_date: deletionDate,
      pending_window_days: days,
    });
    return {
      KeyId: key.arn,
      DeletionDate: deletionDate / 1000,
      KeyState: 'PendingDeletion',
      PendingWindowInDays: days,
    };
  },
});
