/**
 * What authorization needs to know about the resources a request names, read without changing
 * anything: a KMS key's ARN and policy, a secret's ARN and resource policy. The operations own the
 * tables; this is the one place strict mode reads them, behind a small interface so the evaluator's
 * callers never touch SQL.
 */
import type { KeyRecord, KmsEngine, Scope } from '../kms/engine.js';
import { AwsError } from '../protocol/awsError.js';
import type { Store } from '../store/store.js';

export interface KmsKeyFacts {
  arn: string;
  /** The key policy in force (for AWS-managed keys, the policy AWS gives them). */
  policy: string;
}

export interface SecretFacts {
  arn: string;
  resourcePolicy: string | undefined;
}

export interface ResourceLookup {
  /** The key a KMS `KeyId` (id, ARN, alias name, alias ARN) names, if it exists. */
  kmsKey(scope: Scope, reference: string): KmsKeyFacts | undefined;
  /** The key a ciphertext blob was made with, if the blob is one of ours. */
  kmsKeyOfBlob(scope: Scope, blob: Buffer): KmsKeyFacts | undefined;
  keyFacts(key: KeyRecord): KmsKeyFacts;
  /** A secret by name or ARN (partial ARNs included), if it exists. */
  secret(scope: Scope, secretId: string): SecretFacts | undefined;
}

/**
 * The policy AWS gives its managed keys (`aws/ssm`, `aws/secretsmanager`): every principal of the
 * account may use the key through that service, and only metadata calls are allowed directly.
 */
function awsManagedKeyPolicy(service: string, scope: Scope): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: `auto-${service}`,
    Statement: [
      {
        Sid: `Allow access through ${service} for all principals in the account that are authorized to use ${service}`,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:CreateGrant',
          'kms:DescribeKey',
        ],
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:ViaService': `${service}.${scope.region}.amazonaws.com`,
            'kms:CallerAccount': scope.account,
          },
        },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${scope.account}:root` },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
        Resource: '*',
      },
    ],
  });
}

export class StoreResourceLookup implements ResourceLookup {
  /** Built on first use: the tables exist by then (migrations run before the server listens). */
  private secretQuery: SecretQuery | undefined;

  constructor(
    private readonly store: Store,
    private readonly kms: KmsEngine,
  ) {}

  keyFacts(key: KeyRecord): KmsKeyFacts {
    if (key.manager === 'AWS' && key.policy.includes('"key-default-1"')) {
      const alias = this.store.db
        .prepare("SELECT name FROM kms_aliases WHERE key_id = ? AND region = ? AND name LIKE 'alias/aws/%'")
        .get(key.id, key.region) as { name: string } | undefined;
      if (alias) {
        const service = alias.name.slice('alias/aws/'.length);
        return {
          arn: key.arn,
          policy: awsManagedKeyPolicy(service, { region: key.region, account: key.account }),
        };
      }
    }
    return { arn: key.arn, policy: key.policy };
  }

  kmsKey(scope: Scope, reference: string): KmsKeyFacts | undefined {
    try {
      return this.keyFacts(this.kms.findKey(scope, reference));
    } catch (error) {
      if (error instanceof AwsError) return undefined;
      throw error;
    }
  }

  kmsKeyOfBlob(scope: Scope, blob: Buffer): KmsKeyFacts | undefined {
    const key = this.kms.keyOfBlob(scope, blob);
    return key && this.keyFacts(key);
  }

  secret(scope: Scope, secretId: string): SecretFacts | undefined {
    this.secretQuery ??= secretQuery(this.store);
    return this.secretQuery(scope, secretId);
  }
}

type SecretQuery = (scope: Scope, secretId: string) => SecretFacts | undefined;

/**
 * Reads a secret's ARN and resource policy from the Secrets Manager table `sm_secrets` (columns
 * `arn`, `name`, optionally `region`, `account` and `resource_policy`), when it exists. Accepts a
 * name, a full ARN, or a partial ARN (without the random suffix), as Secrets Manager does.
 */
function secretQuery(store: Store): SecretQuery {
  const exists = store.db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sm_secrets'")
    .get();
  if (!exists) return () => undefined;
  const columns = new Set(
    (store.db.prepare("SELECT name FROM pragma_table_info('sm_secrets')").all() as { name: string }[]).map(
      (c) => c.name,
    ),
  );
  const policyColumn = ['resource_policy', 'policy'].find((c) => columns.has(c));
  const select = `SELECT arn${policyColumn ? `, ${policyColumn} AS policy` : ''} FROM sm_secrets`;
  const scoped = [
    columns.has('region') ? ' AND region = ?' : '',
    columns.has('account') ? ' AND account = ?' : '',
  ].join('');
  const prepare = (condition: string) => store.db.prepare(`${select} WHERE ${condition}${scoped} LIMIT 1`);
  const byArn = prepare('arn = ?');
  const byPartialArn = prepare('substr(arn, 1, length(arn) - 7) = ?');
  const byName = columns.has('name') ? prepare('name = ?') : undefined;
  type Row = { arn: string; policy?: string | null } | undefined;
  return (scope, secretId) => {
    const args = [
      ...(columns.has('region') ? [scope.region] : []),
      ...(columns.has('account') ? [scope.account] : []),
    ];
    const row = (
      secretId.startsWith('arn:')
        ? (byArn.get(secretId, ...args) ?? byPartialArn.get(secretId, ...args))
        : byName?.get(secretId, ...args)
    ) as Row;
    return row && { arn: row.arn, resourcePolicy: row.policy ?? undefined };
  };
}
