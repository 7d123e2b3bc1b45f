import { defineOperation } from '../../protocol/operation.js';
import { blob, structure } from '../../protocol/shape.js';
import { assertSymmetricAlgorithm, decryptBlob } from '../decryptBlob.js';
import { endDryRun } from '../keyAccess.js';
import {
  dryRunMember,
  encryptionAlgorithmMember,
  encryptionContextMember,
  grantTokensMember,
  optionalKeyIdMember,
} from '../shapes.js';

export const decrypt = defineOperation({
  name: 'Decrypt',
  readOnly: true,
  input: structure({
    CiphertextBlob: blob({ required: true, min: 1, max: 6144, sensitive: true }),
    EncryptionContext: encryptionContextMember,
    GrantTokens: grantTokensMember,
    KeyId: optionalKeyIdMember,
    EncryptionAlgorithm: encryptionAlgorithmMember,
    DryRun: dryRunMember,
  }),
  handle(input, ctx) {
    const { key, plaintext } = decryptBlob(ctx, input.CiphertextBlob, input.EncryptionContext, input.KeyId);
    assertSymmetricAlgorithm(key, input.EncryptionAlgorithm);
    endDryRun(input.DryRun);
    return {
      KeyId: key.arn,
      Plaintext: plaintext.toString('base64'),
      EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    };
  },
});
