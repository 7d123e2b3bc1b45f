import { defineOperation } from '../../protocol/operation.js';
import { blob, structure } from '../../protocol/shape.js';
import {
  encryptionAlgorithmMember,
  encryptionContextMember,
  grantTokensMember,
  keyIdMember,
} from '../shapes.js';

export const encrypt = defineOperation({
  name: 'Encrypt',
  input: structure({
    KeyId: keyIdMember,
    Plaintext: blob({ required: true, min: 1, max: 4096, sensitive: true }),
    EncryptionContext: encryptionContextMember,
    GrantTokens: grantTokensMember,
    EncryptionAlgorithm: encryptionAlgorithmMember,
  }),
  handle(input, ctx) {
    const key = ctx.kms.findKey({ region: ctx.region, account: ctx.accountId }, input.KeyId);
    const ciphertext = ctx.kms.encrypt(key, input.Plaintext, input.EncryptionContext);
    return {
      CiphertextBlob: ciphertext.toString('base64'),
      KeyId: key.arn,
      EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    };
  },
});
