/**
 * The KMS refusals that mean "this key cannot be used for this" — as opposed to access denials,
 * which services pass through unchanged. SSM turns them into InvalidKeyId, Secrets Manager into
 * DecryptionFailure / EncryptionFailure.
 */
import { AwsError } from '../protocol/awsError.js';

const KEY_UNUSABLE_CODES = new Set([
  'NotFoundException',
  'DisabledException',
  'KMSInvalidStateException',
  'InvalidKeyUsageException',
  'InvalidCiphertextException',
  'IncorrectKeyException',
]);

export const isKeyUnusable = (error: unknown): error is AwsError =>
  error instanceof AwsError && KEY_UNUSABLE_CODES.has(error.code);
