import { defineOperation } from '../../protocol/operation.js';
import { dataKeyInput, generateDataKey } from '../dataKey.js';

export const generateDataKeyWithoutPlaintext = defineOperation({
  name: 'GenerateDataKeyWithoutPlaintext',
  input: dataKeyInput,
  handle(input, ctx) {
    const { key, ciphertext } = generateDataKey(ctx, input);
    return { CiphertextBlob: ciphertext.toString('base64'), KeyId: key.arn };
  },
});
