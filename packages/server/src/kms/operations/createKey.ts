import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { boolean, list, string, structure } from '../../protocol/shape.js';
import { keyMetadata } from '../describeKeyMetadata.js';
import { scopeOf } from '../keyAccess.js';
import { assertPolicyDocument } from '../keyPolicy.js';
import { assertValidTags, tagMember } from '../tags.js';

/** The KeySpec values, in the order AWS lists them in its validation message. */
const KEY_SPECS = [
  'RSA_2048',
  'ECC_NIST_P384',
  'ECC_NIST_P256',
  'ECC_NIST_P521',
  'HMAC_384',
  'RSA_3072',
  'ECC_SECG_P256K1',
  'RSA_4096',
  'SYMMETRIC_DEFAULT',
  'HMAC_256',
  'HMAC_224',
  'HMAC_512',
  'SM2',
  'ECC_NIST_EDWARDS25519',
  'ML_DSA_44',
  'ML_DSA_65',
  'ML_DSA_87',
] as const;

export const createKey = defineOperation({
  name: 'CreateKey',
  input: structure({
    Policy: string({ min: 1, max: 131072 }),
    Description: string({ min: 0, max: 8192 }),
    KeyUsage: string({ enum: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'] }),
    CustomerMasterKeySpec: string({ enum: KEY_SPECS }),
    KeySpec: string({ enum: KEY_SPECS }),
    Origin: string({ enum: ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] }),
    CustomKeyStoreId: string({ min: 1, max: 64 }),
    BypassPolicyLockoutSafetyCheck: boolean(),
    Tags: list(tagMember),
    MultiRegion: boolean(),
    XksKeyId: string({ min: 1, max: 128 }),
  }),
  handle(input, ctx) {
    const spec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
    if (spec !== 'SYMMETRIC_DEFAULT' && input.KeyUsage === undefined) {
      throw new AwsError(
        'ValidationException',
        'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
      );
    }
    const usage = input.KeyUsage ?? 'ENCRYPT_DECRYPT';
    // hush keeps secrets: only symmetric encryption keys exist here.
    if (spec !== 'SYMMETRIC_DEFAULT' || usage !== 'ENCRYPT_DECRYPT') {
      throw new AwsError(
        'UnsupportedOperationException',
        `KeySpec ${spec} with KeyUsage ${usage} is not supported by hush serve: only symmetric encryption keys (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT) are.`,
      );
    }
    if ((input.Origin ?? 'AWS_KMS') !== 'AWS_KMS' || input.CustomKeyStoreId !== undefined) {
      throw new AwsError(
        'UnsupportedOperationException',
        `Origin ${input.Origin ?? 'AWS_KMS'} with a custom key store is not supported by hush serve: only AWS_KMS keys are.`,
      );
    }
    if (input.MultiRegion) {
      throw new AwsError(
        'UnsupportedOperationException',
        'Multi-Region keys are not supported by hush serve.',
      );
    }
    if (input.Policy !== undefined) assertPolicyDocument(input.Policy);
    if (input.Tags) assertValidTags(input.Tags);
    const key = ctx.kms.createKey(scopeOf(ctx), {
      now: ctx.now,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
      ...(input.Tags ? { tags: input.Tags } : {}),
    });
    return { KeyMetadata: keyMetadata(key) };
  },
});
