/**
 * KMS: the IAM action is `kms:<Operation>`, the resource the key's ARN, evaluated together with the
 * key policy. Operations that name no key (CreateKey, ListKeys…) are checked against `*` with
 * identity policies only. Decrypt finds its key in the ciphertext when no KeyId is given.
 */
import type { EncryptionContext } from '../../kms/encryptionContext.js';
import type { KmsKeyFacts } from '../resources.js';
import {
  type AccessCheck,
  type AccessMapper,
  anyResource,
  type CheckContext,
  type MappingContext,
  type RequestInput,
  stringMember,
} from './accessCheck.js';

/** `kms:EncryptionContext:<key>` for each pair and `kms:EncryptionContextKeys`, as KMS supplies them. */
export function encryptionContextKeys(context: EncryptionContext | undefined): CheckContext {
  const keys: CheckContext = {};
  const names: string[] = [];
  if (!context) return keys;
  for (const name of Object.keys(context)) {
    keys[`kms:EncryptionContext:${name}`] = context[name];
    names.push(name);
  }
  if (names.length > 0) keys['kms:EncryptionContextKeys'] = names;
  return keys;
}

const contextOf = (input: RequestInput, member: string): EncryptionContext | undefined => {
  const value = input[member];
  return value && typeof value === 'object' ? (value as EncryptionContext) : undefined;
};

export function keyCheck(
  action: string,
  key: KmsKeyFacts,
  context: CheckContext | (() => CheckContext),
): AccessCheck {
  return { action, resource: key.arn, context, resourcePolicy: { document: key.policy, kind: 'kms-key' } };
}

/** A check on the key `reference` names; a key that does not exist is left to the operation's NotFound. */
function onKey(
  action: string,
  reference: string | undefined,
  ctx: MappingContext,
  context: CheckContext,
): AccessCheck[] {
  if (reference === undefined) return [anyResource(action, context)];
  const key = ctx.lookup.kmsKey(ctx.scope, reference, ctx.now);
  return key ? [keyCheck(action, key, context)] : [];
}

function requestKeys(input: RequestInput): CheckContext {
  const algorithm = stringMember(input, 'EncryptionAlgorithm');
  return {
    ...encryptionContextKeys(contextOf(input, 'EncryptionContext')),
    'kms:EncryptionAlgorithm': algorithm,
  };
}

const aliasArn = (ctx: MappingContext, name: string): string =>
  name.startsWith('arn:') ? name : `arn:aws:kms:${ctx.scope.region}:${ctx.scope.account}:${name}`;

const onAlias =
  (operation: string): AccessMapper =>
  (input, ctx) => {
    const alias = stringMember(input, 'AliasName') ?? '';
    const target = stringMember(input, 'TargetKeyId') ?? ctx.lookup.kmsKey(ctx.scope, alias, ctx.now)?.arn;
    return [
      { action: `kms:${operation}`, resource: aliasArn(ctx, alias), context: {} },
      ...(target ? onKey(`kms:${operation}`, target, ctx, {}) : []),
    ];
  };

const KEYLESS = new Set([
  'CreateKey',
  'ListKeys',
  'ListAliases',
  'GenerateRandom',
  'ListRetirableGrants',
  'CreateCustomKeyStore',
]);

export const kmsAccess: Record<string, AccessMapper> = {
  Decrypt: (input, ctx) => {
    const keyId = stringMember(input, 'KeyId');
    if (keyId !== undefined) return onKey('kms:Decrypt', keyId, ctx, requestKeys(input));
    const blob = input.CiphertextBlob;
    const key = Buffer.isBuffer(blob) ? ctx.lookup.kmsKeyOfBlob(ctx.scope, blob, ctx.now) : undefined;
    // A blob that is not ours, or whose key is gone, cannot be decrypted by anyone: the operation
    // answers InvalidCiphertext, or KMS's AccessDenied for a missing key.
    return key ? [keyCheck('kms:Decrypt', key, requestKeys(input))] : [];
  },
  ReEncrypt: (input, ctx) => {
    const blob = input.CiphertextBlob;
    const source =
      stringMember(input, 'SourceKeyId') !== undefined
        ? ctx.lookup.kmsKey(ctx.scope, stringMember(input, 'SourceKeyId')!, ctx.now)
        : Buffer.isBuffer(blob)
          ? ctx.lookup.kmsKeyOfBlob(ctx.scope, blob, ctx.now)
          : undefined;
    return [
      ...(source
        ? [
            keyCheck(
              'kms:ReEncryptFrom',
              source,
              encryptionContextKeys(contextOf(input, 'SourceEncryptionContext')),
            ),
          ]
        : []),
      ...onKey(
        'kms:ReEncryptTo',
        stringMember(input, 'DestinationKeyId'),
        ctx,
        encryptionContextKeys(contextOf(input, 'DestinationEncryptionContext')),
      ),
    ];
  },
  CreateAlias: onAlias('CreateAlias'),
  UpdateAlias: onAlias('UpdateAlias'),
  DeleteAlias: onAlias('DeleteAlias'),
};

/** Every other KMS operation: on the key its `KeyId` names, or on `*` when it names none. */
export const kmsDefaultAccess =
  (operation: string): AccessMapper =>
  (input, ctx) => {
    const keyId = stringMember(input, 'KeyId');
    if (KEYLESS.has(operation) || keyId === undefined) return [anyResource(`kms:${operation}`)];
    return onKey(`kms:${operation}`, keyId, ctx, requestKeys(input));
  };
