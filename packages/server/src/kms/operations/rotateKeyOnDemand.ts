import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { keyFor, scopeOf } from '../keyAccess.js';
import { rotations } from '../keyAdmin.js';
import { keyIdMember } from '../shapes.js';

const ON_DEMAND_LIMIT = 10;

export const rotateKeyOnDemand = defineOperation({
  name: 'RotateKeyOnDemand',
  input: structure({ KeyId: keyIdMember }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'use', changes: 'kms:RotateKeyOnDemand' });
    const done = rotations(ctx.store.db, key).filter((r) => r.rotationType === 'ON_DEMAND').length;
    if (done >= ON_DEMAND_LIMIT) {
      throw new AwsError(
        'LimitExceededException',
        `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${key.arn}`,
      );
    }
    // New ciphertexts use the new material; the old versions stay to decrypt what they made.
    ctx.kms.addMaterial(scopeOf(ctx), key.id, ctx.now.getTime(), 'ON_DEMAND');
    return { KeyId: key.id };
  },
});
