/**
 * SecureString values through KMS, as SSM uses it: the parameter's ARN is the encryption context
 * (`PARAMETER_ARN`), and a KMS refusal reaches the caller as SSM's `InvalidKeyId`, quoting KMS's
 * error the way AWS's Java services do. A SecureString whose key was deleted reads as KMS's
 * AccessDeniedException, quoted the same way.
 */
import { randomUUID } from 'node:crypto';
import type { KeyRecord } from '../kms/engine.js';
import { CiphertextKeyMissing, isKeyUnusable } from '../kms/keyUnusable.js';
import { kmsRefusalFor } from '../kms/kmsRefusal.js';
import { AwsError } from '../protocol/awsError.js';
import type { OperationContext } from '../protocol/operation.js';
import { parameterArn } from './names.js';
import { type ParameterVersion, scopeOf } from './parameterStore.js';

export const DEFAULT_KEY_ID = 'alias/aws/ssm';

/** A KMS error as SSM answers it; anything else (strict mode's own refusals) passes unchanged. */
function asSsmError(error: unknown): unknown {
  if (error instanceof CiphertextKeyMissing) return kmsRefusalFor('ssm', error.message);
  if (!isKeyUnusable(error)) return error;
  const kmsMessage = error.message === '' ? '' : `${error.message} `;
  return new AwsError(
    'InvalidKeyId',
    `${kmsMessage}(Service: AWSKMS; Status Code: 400; Error Code: ${error.code}; Request ID: ${randomUUID()}; Proxy: null)`,
  );
}

function throughKms<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw asSsmError(error);
  }
}

const contextFor = (ctx: OperationContext, name: string) => ({
  PARAMETER_ARN: parameterArn(scopeOf(ctx), name),
});

/** The usable KMS key a SecureString names (the AWS-managed `aws/ssm` key when none is named). */
export function keyFor(ctx: OperationContext, keyId: string): KeyRecord {
  return throughKms(() => {
    const key = ctx.kms.findKey(scopeOf(ctx), keyId, ctx.now);
    ctx.kms.assertUsable(key);
    return key;
  });
}

export function encryptValue(ctx: OperationContext, key: KeyRecord, name: string, value: string): Buffer {
  return throughKms(() => ctx.kms.encrypt(key, Buffer.from(value, 'utf8'), contextFor(ctx, name)));
}

/** The value a caller sees: plaintext, or for an undecrypted SecureString its ciphertext (base64). */
export function visibleValue(ctx: OperationContext, v: ParameterVersion, withDecryption: boolean): string {
  if (v.type !== 'SecureString') return v.value ?? '';
  const ciphertext = v.ciphertext!;
  if (!withDecryption) return ciphertext.toString('base64');
  return throughKms(() =>
    ctx.kms.decrypt(scopeOf(ctx), ciphertext, contextFor(ctx, v.name), ctx.now).plaintext.toString('utf8'),
  );
}
