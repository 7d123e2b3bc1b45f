import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { updateKey } from '../keyAdmin.js';
import { keyIdMember } from '../shapes.js';

export const cancelKeyDeletion = defineOperation({
  name: 'CancelKeyDeletion',
  input: structure({ KeyId: keyIdMember }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'any', changes: 'kms:CancelKeyDeletion' });
    if (key.state !== 'PendingDeletion') {
      throw new AwsError('KMSInvalidStateException', `${key.arn} is not pending deletion.`);
    }
    // AWS leaves a key whose deletion is cancelled Disabled, whatever it was before.
    updateKey(ctx.store.db, key, { state: 'Disabled', deletion_date: null, pending_window_days: null });
    return { KeyId: key.arn };
  },
});
