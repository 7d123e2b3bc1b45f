import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { DEFAULT_POLICY_NAME } from '../keyPolicy.js';
import { keyIdMember, policyNameMember } from '../shapes.js';

export const getKeyPolicy = defineOperation({
  name: 'GetKeyPolicy',
  input: structure({ KeyId: keyIdMember, PolicyName: policyNameMember }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'any' });
    if ((input.PolicyName ?? DEFAULT_POLICY_NAME) !== DEFAULT_POLICY_NAME) {
      throw new AwsError('NotFoundException', 'No such policy exists');
    }
    return { Policy: key.policy, PolicyName: DEFAULT_POLICY_NAME };
  },
});
