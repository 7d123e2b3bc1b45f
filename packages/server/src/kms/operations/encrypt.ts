import { defineOperation } from '../../protocol/operation.js';
import { blob, structure } from '../../protocol/shape.js';
import { assertSymmetricAlgorithm } from '../decryptBlob.js';
import { endDryRun, keyFor } from '../keyAccess.js';
import {
  dryRunMember,
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
    DryRun: dryRunMember,
  }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'use' });
    assertSymmetricAlgorithm(key, input.EncryptionAlgorithm);
    const ciphertext = ctx.kms.encrypt(key, input.Plaintext, input.EncryptionContext);
    endDryRun(input.DryRun);
    return {
      CiphertextBlob: ciphertext.toString('base64'),
      KeyId: key.arn,
      EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    };
  },
});
