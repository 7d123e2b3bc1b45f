import { randomBytes } from 'node:crypto';
import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { integer, string, structure } from '../../protocol/shape.js';

export const generateRandom = defineOperation({
  name: 'GenerateRandom',
  input: structure({
    NumberOfBytes: integer({ min: 1, max: 1024 }),
    CustomKeyStoreId: string({ min: 1, max: 64 }),
  }),
  handle(input) {
    // Optional in the model, but KMS refuses a request without it.
    if (input.NumberOfBytes === undefined)
      throw new AwsError('ValidationException', 'NumberOfBytes is required.');
    if (input.CustomKeyStoreId !== undefined) {
      throw new AwsError(
        'CustomKeyStoreNotFoundException',
        `Custom key store ${input.CustomKeyStoreId} does not exist.`,
      );
    }
    return { Plaintext: randomBytes(input.NumberOfBytes).toString('base64') };
  },
});
