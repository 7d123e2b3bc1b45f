import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { boolean, string, structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { updateKey } from '../keyAdmin.js';
import { assertPolicyDocument, DEFAULT_POLICY_NAME } from '../keyPolicy.js';
import { keyIdMember, policyNameMember } from '../shapes.js';

export const putKeyPolicy = defineOperation({
  name: 'PutKeyPolicy',
  input: structure({
    KeyId: keyIdMember,
    PolicyName: policyNameMember,
    Policy: string({ required: true, min: 1, max: 131072 }),
    BypassPolicyLockoutSafetyCheck: boolean(),
  }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'any', changes: 'kms:PutKeyPolicy' });
    if ((input.PolicyName ?? DEFAULT_POLICY_NAME) !== DEFAULT_POLICY_NAME) {
      throw new AwsError('UnsupportedOperationException', 'Only default policy is supported');
    }
    assertPolicyDocument(input.Policy);
    updateKey(ctx.store.db, key, { policy: input.Policy });
    return {};
  },
});
