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

/**
 * Decrypt of a ciphertext whose key does not exist (deleted after its waiting period, or never in
 * this region). KMS does not say which: it answers AccessDeniedException with this message, the one
 * AWS users report from Decrypt, and from SSM and Secrets Manager reads, for a key that is gone
 * (kubernetes-sigs/aws-encryption-provider, pkg/kmsplugin/kms.go, treats it as "CMK does not
 * exist"). A class of its own so that SSM and Secrets Manager answer it as AWS does when KMS denies
 * a call they made for the caller (`kmsRefusalFor`).
 */
export class CiphertextKeyMissing extends AwsError {
  constructor() {
    super(
      'AccessDeniedException',
      'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
    );
  }
}
