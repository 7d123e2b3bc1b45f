import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { boolean, list, string, structure } from '../../protocol/shape.js';
import { keyMetadata } from '../describeKeyMetadata.js';

export const createKey = defineOperation({
  name: 'CreateKey',
  input: structure({
    Policy: string({ min: 1, max: 131072 }),
    Description: string({ min: 0, max: 8192 }),
    KeyUsage: string({ enum: ['SIGN_VERIFY', 'ENCRYPT_DECRYPT', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'] }),
    CustomerMasterKeySpec: string(),
    KeySpec: string(),
    Origin: string({ enum: ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] }),
    CustomKeyStoreId: string({ min: 1, max: 64 }),
    BypassPolicyLockoutSafetyCheck: boolean(),
    Tags: list(
      structure({
        TagKey: string({ required: true, min: 1, max: 128 }),
        TagValue: string({ required: true, min: 0, max: 256 }),
      }),
    ),
    MultiRegion: boolean(),
    XksKeyId: string({ min: 1, max: 128 }),
  }),
  handle(input, ctx) {
    const spec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
    const usage = input.KeyUsage ?? 'ENCRYPT_DECRYPT';
    // hush keeps secrets: only symmetric encryption keys exist here.
    if (spec !== 'SYMMETRIC_DEFAULT' || usage !== 'ENCRYPT_DECRYPT') {
      throw new AwsError(
        'UnsupportedOperationException',
        `KeySpec ${spec} with KeyUsage ${usage} is not supported by hush serve.`,
      );
    }
    if ((input.Origin ?? 'AWS_KMS') !== 'AWS_KMS') {
      throw new AwsError(
        'UnsupportedOperationException',
        `Origin ${input.Origin} is not supported by hush serve.`,
      );
    }
    if (input.Policy !== undefined) assertPolicyDocument(input.Policy);
    const key = ctx.kms.createKey(
      { region: ctx.region, account: ctx.accountId },
      {
        now: ctx.now,
        ...(input.Description !== undefined ? { description: input.Description } : {}),
        ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
        ...(input.Tags ? { tags: input.Tags } : {}),
        multiRegion: input.MultiRegion ?? false,
      },
    );
    return { KeyMetadata: keyMetadata(key) };
  },
});

export function assertPolicyDocument(policy: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw new AwsError(
      'MalformedPolicyDocumentException',
      'The new key policy will not allow you to update the key policy in the future.',
    );
  }
  if (parsed === null || typeof parsed !== 'object' || !('Statement' in parsed)) {
    throw new AwsError(
      'MalformedPolicyDocumentException',
      'Policy contains a statement with no Statement element.',
    );
  }
}
