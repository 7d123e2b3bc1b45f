import { defineOperation } from '../../protocol/operation.js';
import { blob, structure } from '../../protocol/shape.js';
import { assertSymmetricAlgorithm, decryptBlob } from '../decryptBlob.js';
import { endDryRun, keyFor } from '../keyAccess.js';
import {
  dryRunMember,
  encryptionAlgorithmMember,
  encryptionContextMember,
  grantTokensMember,
  keyIdMember,
  optionalKeyIdMember,
} from '../shapes.js';

export const reEncrypt = defineOperation({
  name: 'ReEncrypt',
  input: structure({
    CiphertextBlob: blob({ required: true, min: 1, max: 6144, sensitive: true }),
    SourceEncryptionContext: encryptionContextMember,
    SourceKeyId: optionalKeyIdMember,
    DestinationKeyId: keyIdMember,
    DestinationEncryptionContext: encryptionContextMember,
    SourceEncryptionAlgorithm: encryptionAlgorithmMember,
    DestinationEncryptionAlgorithm: encryptionAlgorithmMember,
    GrantTokens: grantTokensMember,
    DryRun: dryRunMember,
  }),
  handle(input, ctx) {
    const source = decryptBlob(ctx, input.CiphertextBlob, input.SourceEncryptionContext, input.SourceKeyId);
    assertSymmetricAlgorithm(source.key, input.SourceEncryptionAlgorithm);
    const destination = keyFor(ctx, input.DestinationKeyId, { states: 'use' });
    assertSymmetricAlgorithm(destination, input.DestinationEncryptionAlgorithm);
    const ciphertext = ctx.kms.encrypt(destination, source.plaintext, input.DestinationEncryptionContext);
    endDryRun(input.DryRun);
    return {
      CiphertextBlob: ciphertext.toString('base64'),
      SourceKeyId: source.key.arn,
      KeyId: destination.arn,
      SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    };
  },
});
