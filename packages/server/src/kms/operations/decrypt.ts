import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { blob, boolean, structure } from '../../protocol/shape.js';
import {
  encryptionAlgorithmMember,
  encryptionContextMember,
  grantTokensMember,
  optionalKeyIdMember,
} from '../shapes.js';

export const decrypt = defineOperation({
  name: 'Decrypt',
  input: structure({
    CiphertextBlob: blob({ required: true, min: 1, max: 6144, sensitive: true }),
    EncryptionContext: encryptionContextMember,
    GrantTokens: grantTokensMember,
    KeyId: optionalKeyIdMember,
    EncryptionAlgorithm: encryptionAlgorithmMember,
    DryRun: boolean(),
  }),
  handle(input, ctx) {
    const scope = { region: ctx.region, account: ctx.accountId };
    if (input.KeyId !== undefined) {
      const named = ctx.kms.findKey(scope, input.KeyId);
      const actual = ctx.kms.keyOfBlob(scope, input.CiphertextBlob);
      if (actual && actual.id !== named.id) {
        throw new AwsError(
          'IncorrectKeyException',
          'The key ID in the request does not identify a CMK that can perform this operation.',
        );
      }
    }
    const { key, plaintext } = ctx.kms.decrypt(scope, input.CiphertextBlob, input.EncryptionContext);
    return {
      KeyId: key.arn,
      Plaintext: plaintext.toString('base64'),
      EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    };
  },
});
