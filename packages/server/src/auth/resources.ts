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
  /** The key policy in force. */
  policy: string;
}

export interface SecretFacts {
  arn: string;
  resourcePolicy: string | undefined;
}

export interface ResourceLookup {
  /** The key a KMS `KeyId` (id, ARN, alias name, alias ARN) names, if it exists at `now`. */
  kmsKey(scope: Scope, reference: string, now: Date): KmsKeyFacts | undefined;
  /** The key a ciphertext blob was made with, if the blob is one of ours and the key exists at `now`. */
  kmsKeyOfBlob(scope: Scope, blob: Buffer, now: Date): KmsKeyFacts | undefined;
  keyFacts(key: KeyRecord): KmsKeyFacts;
  /** A secret by name or ARN (partial ARNs included), if it exists. */
  secret(scope: Scope, secretId: string): SecretFacts | undefined;
}

export class StoreResourceLookup implements ResourceLookup {
  /** Built on first use: the tables exist by then (migrations run before the server listens). */
  private secretQuery: SecretQuery | undefined;

  constructor(
    private readonly store: Store,
    private readonly kms: KmsEngine,
  ) {}

  keyFacts(key: KeyRecord): KmsKeyFacts {
    // AWS-managed keys are created with the policy AWS gives them (kms/awsManagedKeyPolicy.ts).
    return { arn: key.arn, policy: key.policy };
  }

  kmsKey(scope: Scope, reference: string, now: Date): KmsKeyFacts | undefined {
    try {
      return this.keyFacts(this.kms.findKey(scope, reference, now));
    } catch (error) {
      if (error instanceof AwsError) return undefined;
      throw error;
    }
  }

  kmsKeyOfBlob(scope: Scope, blob: Buffer, now: Date): KmsKeyFacts | undefined {
    const key = this.kms.keyOfBlob(scope, blob, now);
    return key && this.keyFacts(key);
  }

  secret(scope: Scope, secretId: string): SecretFacts | undefined {
    this.secretQuery ??= secretQuery(this.store);
    const query = this.secretQuery;
    return this.store.memo(['auth-secret', scope.region, scope.account, secretId], () => {
      const facts = query(scope, secretId);
      return facts && Object.freeze(facts);
    });
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
