/**
 * Secrets Manager: the IAM action is `secretsmanager:<Operation>`, the resource the secret's ARN
 * (with its random suffix when the secret exists), evaluated with the secret's resource policy.
 * Reading the value is a separate `kms:Decrypt`, checked when Secrets Manager calls KMS.
 * BatchGetSecretValue's per-secret GetSecretValue is checked by the operation, item by item.
 */
import {
  type AccessCheck,
  type AccessMapper,
  anyResource,
  type CheckContext,
  type MappingContext,
  type RequestInput,
  stringMember,
} from './accessCheck.js';

function onSecret(action: string, secretId: string, ctx: MappingContext, context: CheckContext): AccessCheck {
  const secret = ctx.lookup.secret(ctx.scope, secretId);
  const arn =
    secret?.arn ??
    (secretId.startsWith('arn:')
      ? secretId
      : `arn:aws:secretsmanager:${ctx.scope.region}:${ctx.scope.account}:secret:${secretId}`);
  return {
    action,
    resource: arn,
    context: { 'secretsmanager:SecretId': arn, ...context },
    resourcePolicy: secret?.resourcePolicy
      ? { document: secret.resourcePolicy, kind: 'resource' }
      : undefined,
  };
}

const versionKeys = (input: RequestInput): CheckContext => ({
  'secretsmanager:VersionId': stringMember(input, 'VersionId'),
  'secretsmanager:VersionStage': stringMember(input, 'VersionStage'),
});

export const secretsManagerAccess: Record<string, AccessMapper> = {
  GetSecretValue: (input, ctx) => [
    onSecret('secretsmanager:GetSecretValue', stringMember(input, 'SecretId') ?? '', ctx, versionKeys(input)),
  ],
  // The request needs BatchGetSecretValue (and ListSecrets to select by filter) on `*`. Each secret
  // it reads needs GetSecretValue like a single read, checked by the operation per secret
  // (`authorizeItem`) so that a refused secret lands in the response's Errors, as on AWS.
  BatchGetSecretValue: (input) => [
    anyResource('secretsmanager:BatchGetSecretValue'),
    ...(input.Filters !== undefined ? [anyResource('secretsmanager:ListSecrets')] : []),
  ],
  CreateSecret: (input, ctx) => {
    const name = stringMember(input, 'Name') ?? '';
    return [
      {
        action: 'secretsmanager:CreateSecret',
        resource: `arn:aws:secretsmanager:${ctx.scope.region}:${ctx.scope.account}:secret:${name}`,
        context: { 'secretsmanager:Name': name, 'secretsmanager:KmsKeyId': stringMember(input, 'KmsKeyId') },
      },
    ];
  },
};

const SECRETLESS = new Set(['ListSecrets', 'GetRandomPassword']);

/** Every other operation: on the secret its `SecretId` names, or on `*`. */
export const secretsManagerDefaultAccess =
  (operation: string): AccessMapper =>
  (input, ctx) => {
    const secretId = stringMember(input, 'SecretId');
    if (SECRETLESS.has(operation) || secretId === undefined)
      return [anyResource(`secretsmanager:${operation}`)];
    return [onSecret(`secretsmanager:${operation}`, secretId, ctx, versionKeys(input))];
  };
