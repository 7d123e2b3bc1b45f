/**
 * When SSM or Secrets Manager decrypts (or encrypts) a value, AWS calls KMS with the caller's
 * credentials: the caller needs `kms:Decrypt` on the key, with `kms:ViaService` naming the service
 * and the encryption context the service uses as condition keys. This wraps the KMS engine handed to
 * one request's operation so those calls are authorized exactly there, with whatever key and
 * context the operation really uses.
 */
import type { EncryptionContext } from '../kms/encryptionContext.js';
import type { DecryptOptions, KeyRecord, KmsEngine, Scope } from '../kms/engine.js';
import { kmsRefusalFor } from '../kms/kmsRefusal.js';
import { encryptionContextKeys, keyCheck } from './access/kmsAccess.js';
import { authorizeChecks, type CallFacts } from './authorizer.js';
import type { ResourceLookup } from './resources.js';
import type { TrailEntry } from './trail.js';

export function kmsOnBehalfOf(
  base: KmsEngine,
  service: string,
  facts: CallFacts,
  lookup: ResourceLookup,
  trail: TrailEntry[],
): KmsEngine {
  const authorize = (action: string, key: KeyRecord, context: EncryptionContext | undefined) => {
    // The context's keys are built only if a policy reads one: the AWS-managed keys' policies don't.
    const check = keyCheck(action, lookup.keyFacts(key), () => encryptionContextKeys(context));
    const denial = authorizeChecks([check], facts, trail);
    if (denial) throw kmsRefusalFor(service, denial.message);
  };
  const onBehalf = Object.create(base) as KmsEngine;
  onBehalf.decrypt = (
    scope: Scope,
    blob: Buffer,
    context: EncryptionContext | undefined,
    now: Date,
    options: DecryptOptions = {},
  ) =>
    // Written out rather than spread: this runs on every strict SecureString and secret read.
    base.decrypt(scope, blob, context, now, {
      remember: options.remember,
      authorize: (key) => authorize('kms:Decrypt', key, context),
    });
  onBehalf.encrypt = (key: KeyRecord, plaintext: Buffer, context?: EncryptionContext) => {
    authorize('kms:Encrypt', key, context);
    return base.encrypt(key, plaintext, context);
  };
  return onBehalf;
}
