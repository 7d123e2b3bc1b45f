/**
 * Data keys for GenerateDataKey and GenerateDataKeyWithoutPlaintext: fresh random bytes, returned
 * encrypted under the KMS key (and, for the first, in plaintext too).
 */
import { randomBytes } from 'node:crypto';
import { AwsError } from '../protocol/awsError.js';
import type { OperationContext } from '../protocol/operation.js';
import { integer, string, structure } from '../protocol/shape.js';
import type { EncryptionContext } from './encryptionContext.js';
import type { KeyRecord } from './engine.js';
import { endDryRun, keyFor } from './keyAccess.js';
import { dryRunMember, encryptionContextMember, grantTokensMember, keyIdMember } from './shapes.js';

export const dataKeyInput = structure({
  KeyId: keyIdMember,
  EncryptionContext: encryptionContextMember,
  NumberOfBytes: integer({ min: 1, max: 1024 }),
  KeySpec: string({ enum: ['AES_256', 'AES_128'] }),
  GrantTokens: grantTokensMember,
  DryRun: dryRunMember,
});

const SPEC_BYTES = { AES_256: 32, AES_128: 16 } as const;

export function generateDataKey(
  ctx: OperationContext,
  input: {
    KeyId: string;
    EncryptionContext?: EncryptionContext;
    NumberOfBytes?: number;
    KeySpec?: keyof typeof SPEC_BYTES;
    DryRun?: boolean;
  },
): { key: KeyRecord; plaintext: Buffer; ciphertext: Buffer } {
  if ((input.NumberOfBytes === undefined) === (input.KeySpec === undefined)) {
    throw new AwsError('ValidationException', 'Please specify either number of bytes or key spec.');
  }
  const key = keyFor(ctx, input.KeyId, { states: 'use' });
  const plaintext = randomBytes(input.NumberOfBytes ?? SPEC_BYTES[input.KeySpec!]);
  const ciphertext = ctx.kms.encrypt(key, plaintext, input.EncryptionContext);
  endDryRun(input.DryRun);
  return { key, plaintext, ciphertext };
}
