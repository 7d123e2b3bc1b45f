import { AwsError } from '../../protocol/awsError.js';
import { defineOperation, type JsonObject } from '../../protocol/operation.js';
import { string, structure } from '../../protocol/shape.js';
import { checkPolicy } from '../resourcePolicy.js';
import { requireSecret } from '../secretStore.js';

export const validateResourcePolicy = defineOperation({
  name: 'ValidateResourcePolicy',
  input: structure({
    SecretId: string({ min: 1, max: 2048 }),
    ResourcePolicy: string({ required: true, min: 1, max: 20480 }),
  }),
  handle(input, ctx) {
    if (input.SecretId !== undefined) requireSecret(ctx, input.SecretId);
    const errors: JsonObject[] = [];
    try {
      checkPolicy(input.ResourcePolicy);
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      errors.push({ CheckName: 'MALFORMED_POLICY', ErrorMessage: error.message });
    }
    return { PolicyValidationPassed: errors.length === 0, ValidationErrors: errors };
  },
});
