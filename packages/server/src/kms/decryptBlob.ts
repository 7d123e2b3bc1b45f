/**
 * Decryption as Decrypt and ReEncrypt do it: an optional KeyId must name the key the blob was made
 * with (IncorrectKeyException otherwise), and only SYMMETRIC_DEFAULT applies to symmetric keys.
 */
import { AwsError } from '../protocol/awsError.js';
import type { OperationContext } from '../protocol/operation.js';
import type { EncryptionContext } from './encryptionContext.js';
import type { KeyRecord } from './engine.js';
import { scopeOf } from './keyAccess.js';

export function decryptBlob(
  ctx: OperationContext,
  blob: Buffer,
  context: EncryptionContext | undefined,
  keyId: string | undefined,
): { key: KeyRecord; plaintext: Buffer } {
  const scope = scopeOf(ctx);
  if (keyId !== undefined) {
    const named = ctx.kms.findKey(scope, keyId, ctx.now);
    const actual = ctx.kms.keyOfBlob(scope, blob, ctx.now);
    if (actual && actual.id !== named.id) {
      throw new AwsError(
        'IncorrectKeyException',
        'The key ID in the request does not identify a CMK that can perform this operation.',
      );
    }
  }
  // The blob came with the request: a new object every call, so there is nothing to keep it for.
  return ctx.kms.decrypt(scope, blob, context, ctx.now, { remember: false });
}

/** Symmetric keys know one algorithm; naming another is a key-usage error. */
export function assertSymmetricAlgorithm(key: KeyRecord, algorithm: string | undefined): void {
  if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT') {
    throw new AwsError(
      'InvalidKeyUsageException',
      `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`,
    );
  }
}
