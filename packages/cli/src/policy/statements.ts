/**
 * The least-privilege statements for a set of references:
 *
 * - SSM parameters: `ssm:GetParameter` + `ssm:GetParameters` (hush batches names 10 per call) on each
 *   parameter's ARN; paths: `ssm:GetParametersByPath` on the path's ARN.
 * - Secrets: `secretsmanager:GetSecretValue` on each secret's ARN, the name followed by `-??????`
 *   (Secrets Manager appends a hyphen and six random characters to every secret ARN).
 *   `secretsmanager:BatchGetSecretValue` (hush reads secrets 20 per call) gets its own statement on
 *   Resource "*": the action has no resource type (AWS's Service Authorization Reference lists none,
 *   so a statement naming secret ARNs never matches it), and it exposes nothing by itself — Secrets
 *   Manager still checks `secretsmanager:GetSecretValue` on every secret in the batch
 *   (BatchGetSecretValue API reference, "Required permissions").
 * - `kms:Decrypt` for SecureStrings and secrets, only through SSM / Secrets Manager (`kms:ViaService`),
 *   on the given keys or on any key of the account (which covers aws/ssm and aws/secretsmanager).
 * - `kms:Decrypt` for `kms:` env values, only with the encryption context naming the function
 *   (`kms:EncryptionContext:LambdaFunctionName`), as the Lambda console's encryption helpers use.
 */
import type { Reference } from 'hush/reference';

export interface Placeholders {
  region: string;
  account: string;
}

export interface IamStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyInput {
  references: readonly Reference[];
  /** Names (or `*` patterns) of the functions whose `kms:` env values are decrypted. */
  functionNames: readonly string[];
  kmsKeys: readonly string[];
  /** Keys for `kms:` env values when no --kms-key is given: the functions' literal kmsKeyArn. */
  environmentKeys: readonly string[];
  denyDecryptExcept: readonly string[];
  where: Placeholders;
}

const unique = <T>(list: readonly T[]): T[] => [...new Set(list)];
const one = (list: string[]): string | string[] => (list.length === 1 ? list[0]! : list);

export function parameterArn(name: string, region: string, account: string): string {
  if (name.startsWith('arn:')) return name;
  return `arn:aws:ssm:${region}:${account}:parameter/${name.replace(/^\//, '')}`;
}

export function secretArn(secretId: string, region: string, account: string): string {
  if (secretId.startsWith('arn:')) return secretId;
  return `arn:aws:secretsmanager:${region}:${account}:secret:${secretId}-??????`;
}

export function roleArn(role: string, account: string): string {
  return role.startsWith('arn:') ? role : `arn:aws:iam::${account}:role/${role}`;
}

export function policyStatements(input: PolicyInput): IamStatement[] {
  const { where } = input;
  // An ARN names its own region and account; otherwise the reference's region option, or the default.
  const arnOf = (r: Reference) => (r.kind === 'ssm' ? r.name : r.kind === 'secretsmanager' ? r.secretId : '');
  const regionOf = (r: Reference) =>
    arnOf(r).startsWith('arn:') ? arnOf(r).split(':')[3]! : (r.region ?? where.region);
  const accountOf = (r: Reference) => (arnOf(r).startsWith('arn:') ? arnOf(r).split(':')[4]! : where.account);
  const parameters = input.references.flatMap((r) => (r.kind === 'ssm' ? [r] : []));
  const paths = input.references.flatMap((r) => (r.kind === 'ssm-path' ? [r] : []));
  const secrets = input.references.flatMap((r) => (r.kind === 'secretsmanager' ? [r] : []));
  const ciphertexts = input.references.filter((r) => r.kind === 'kms');
  const statements: IamStatement[] = [];

  if (parameters.length > 0) {
    statements.push({
      Sid: 'ReadParameters',
      Effect: 'Allow',
      Action: ['ssm:GetParameter', 'ssm:GetParameters'],
      Resource: one(unique(parameters.map((r) => parameterArn(r.name, regionOf(r), where.account))).sort()),
    });
  }
  if (paths.length > 0) {
    statements.push({
      Sid: 'ReadParameterPaths',
      Effect: 'Allow',
      Action: 'ssm:GetParametersByPath',
      Resource: one(
        unique(
          paths.map((r) => parameterArn(r.path.replace(/(.)\/$/, '$1'), regionOf(r), where.account)),
        ).sort(),
      ),
    });
  }
  if (secrets.length > 0) {
    statements.push(
      {
        Sid: 'ReadSecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: one(unique(secrets.map((r) => secretArn(r.secretId, regionOf(r), where.account))).sort()),
      },
      {
        Sid: 'BatchReadSecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:BatchGetSecretValue',
        Resource: '*',
      },
    );
  }

  const decrypting = [...parameters.filter((r) => r.decrypt), ...paths.filter((r) => r.decrypt), ...secrets];
  const anyKey = (region: string, account = where.account) => `arn:aws:kms:${region}:${account}:key/*`;
  if (decrypting.length > 0) {
    const services = unique(
      decrypting.map(
        (r) => `${r.kind === 'secretsmanager' ? 'secretsmanager' : 'ssm'}.${regionOf(r)}.amazonaws.com`,
      ),
    ).sort();
    statements.push({
      Sid: 'DecryptThroughParameterStoreAndSecretsManager',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: one(
        input.kmsKeys.length > 0
          ? [...input.kmsKeys]
          : unique(decrypting.map((r) => anyKey(regionOf(r), accountOf(r)))).sort(),
      ),
      Condition: { StringEquals: { 'kms:ViaService': one(services) } },
    });
  }
  if (ciphertexts.length > 0) {
    const names = unique(input.functionNames);
    const wildcard = names.some((n) => n.includes('*'));
    statements.push({
      Sid: 'DecryptEnvironmentVariables',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: one(
        input.kmsKeys.length > 0
          ? [...input.kmsKeys]
          : input.environmentKeys.length > 0
            ? unique(input.environmentKeys)
            : [anyKey(where.region)],
      ),
      Condition: {
        [wildcard ? 'StringLike' : 'StringEquals']: {
          'kms:EncryptionContext:LambdaFunctionName': one(names),
        },
      },
    });
  }
  if (input.denyDecryptExcept.length > 0) {
    statements.push({
      Sid: 'BlockKMSDecryptForAllResources',
      Effect: 'Deny',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        StringNotLike: {
          'aws:PrincipalArn': one(input.denyDecryptExcept.map((r) => roleArn(r, where.account))),
        },
      },
    });
  }
  return statements;
}
