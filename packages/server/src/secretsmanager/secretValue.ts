/**
 * Secret values through KMS. A value is encrypted under the secret's key (the AWS-managed
 * `aws/secretsmanager` key unless the secret names one) with the encryption context AWS uses,
 * `{ SecretARN, SecretVersionId }`, so a ciphertext cannot be moved to another secret or version.
 * A key that cannot be used becomes DecryptionFailure on read and EncryptionFailure on write; a
 * value whose key was deleted cannot be read at all, and KMS denies the read as it denies any
 * Decrypt of a ciphertext whose key is gone.
 */
import type { KeyRecord, KmsEngine, Scope } from '../kms/engine.js';
import { CiphertextKeyMissing, isKeyUnusable } from '../kms/keyUnusable.js';
import { kmsRefusalFor } from '../kms/kmsRefusal.js';
import type { AwsError } from '../protocol/awsError.js';
import { decryptionFailure, encryptionFailure } from './errors.js';
import type { VersionRow } from './secretStore.js';

export const DEFAULT_KEY_ALIAS = 'alias/aws/secretsmanager';

export interface SecretValue {
  kind: 'string' | 'binary';
  bytes: Buffer;
}

function mapKmsError(error: unknown, replacement: () => AwsError): unknown {
  if (error instanceof CiphertextKeyMissing) return kmsRefusalFor('secretsmanager', error.message);
  return isKeyUnusable(error) ? replacement() : error;
}

export function keyFor(kms: KmsEngine, scope: Scope, kmsKeyId: string | null, now: Date): KeyRecord {
  try {
    const key =
      kmsKeyId === null
        ? kms.awsManagedKey(scope, DEFAULT_KEY_ALIAS, now)
        : kms.findKey(scope, kmsKeyId, now);
    kms.assertUsable(key);
    return key;
  } catch (error) {
    throw mapKmsError(error, encryptionFailure);
  }
}

export const encryptionContext = (secretArn: string, versionId: string) => ({
  SecretARN: secretArn,
  SecretVersionId: versionId,
});

export function encryptValue(
  kms: KmsEngine,
  key: KeyRecord,
  secretArn: string,
  versionId: string,
  value: SecretValue,
): Buffer {
  try {
    return kms.encrypt(key, value.bytes, encryptionContext(secretArn, versionId));
  } catch (error) {
    throw mapKmsError(error, encryptionFailure);
  }
}

/** The plaintext of a version that holds a value. */
export function decryptVersion(kms: KmsEngine, scope: Scope, version: VersionRow, now: Date): SecretValue {
  try {
    const { plaintext } = kms.decrypt(
      scope,
      version.ciphertext!,
      encryptionContext(version.secret_arn, version.version_id),
      now,
    );
    return { kind: version.kind!, bytes: plaintext };
  } catch (error) {
    throw mapKmsError(error, decryptionFailure);
  }
}

export const sameValue = (a: SecretValue, b: SecretValue): boolean =>
  a.kind === b.kind && a.bytes.equals(b.bytes);

/** The value a request carries (SecretString or SecretBinary), if any. */
export function requestValue(input: {
  SecretString?: string;
  SecretBinary?: Buffer;
}): SecretValue | undefined {
  if (input.SecretString !== undefined)
    return { kind: 'string', bytes: Buffer.from(input.SecretString, 'utf8') };
  if (input.SecretBinary !== undefined) return { kind: 'binary', bytes: input.SecretBinary };
  return undefined;
}
