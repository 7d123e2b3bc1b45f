import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { requireSecret } from '../secretStore.js';
import { secretIdMember } from '../shapes.js';

export const getResourcePolicy = defineOperation({
  name: 'GetResourcePolicy',
  input: structure({ SecretId: secretIdMember }),
  handle(input, ctx) {
    const secret = requireSecret(ctx, input.SecretId);
    return {
      ARN: secret.arn,
      Name: secret.name,
      ...(secret.resource_policy ? { ResourcePolicy: secret.resource_policy } : {}),
    };
  },
});
