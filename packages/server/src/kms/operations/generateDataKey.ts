import { defineOperation } from '../../protocol/operation.js';
import { dataKeyInput, generateDataKey as generate } from '../dataKey.js';

export const generateDataKey = defineOperation({
  name: 'GenerateDataKey',
  input: dataKeyInput,
  handle(input, ctx) {
    const { key, plaintext, ciphertext } = generate(ctx, input);
    return {
      CiphertextBlob: ciphertext.toString('base64'),
      Plaintext: plaintext.toString('base64'),
      KeyId: key.arn,
    };
  },
});
