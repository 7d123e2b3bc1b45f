/**
 * Replicas: a replica is the primary's secret in another region, under the same name and ARN
 * suffix, encrypted there with that region's key (the region's `aws/secretsmanager` key unless
 * one is named). Every change to the primary is copied to its replicas in the same transaction,
 * so a replica is always in sync with what the primary acknowledged.
 */
import type { JsonObject } from '../protocol/operation.js';
import type { Db } from '../store/store.js';
import { invalidParameter } from './errors.js';
import { arnInRegion } from './names.js';
import { findSecret, type SecretRow, secretByArn, versionsOf } from './secretStore.js';
import { decryptVersion, encryptValue, keyFor } from './secretValue.js';
import type { WriteEnv } from './versionWriter.js';

interface ReplicaRow {
  primary_arn: string;
  region: string;
  kms_key_id: string | null;
  status: 'InSync' | 'Failed' | 'InProgress';
  status_message: string | null;
}

const NAME_TAKEN = 'Replication failed: Secret name already exists in destination region.';

export function replicaRows(db: Db, primaryArn: string): ReplicaRow[] {
  return db
    .prepare('SELECT * FROM sm_replicas WHERE primary_arn = ? ORDER BY rowid')
    .all(primaryArn) as ReplicaRow[];
}

/** The primary's ReplicationStatus list (empty for a replica or an unreplicated secret). */
export function replicationStatus(db: Db, secret: SecretRow): JsonObject[] {
  if (secret.primary_region !== null) return [];
  return replicaRows(db, secret.arn).map((row) => {
    const replica = secretByArn(db, arnInRegion(secret.arn, row.region));
    return {
      Region: row.region,
      KmsKeyId: row.kms_key_id ?? 'alias/aws/secretsmanager',
      Status: row.status,
      ...(row.status_message ? { StatusMessage: row.status_message } : {}),
      ...(replica?.last_accessed_at ? { LastAccessedDate: replica.last_accessed_at / 1000 } : {}),
    };
  });
}

function setStatus(db: Db, primaryArn: string, region: string, status: string, message: string | null): void {
  db.prepare(
    'UPDATE sm_replicas SET status = ?, status_message = ? WHERE primary_arn = ? AND region = ?',
  ).run(status, message, primaryArn, region);
}

/** Copies the primary's metadata, tags, versions and labels into the replica row in `region`. */
function copyToReplica(env: WriteEnv, primary: SecretRow, row: ReplicaRow): void {
  const db = env.db;
  const replicaArn = arnInRegion(primary.arn, row.region);
  const replicaScope = { region: row.region, account: primary.account };
  db.prepare(
    `UPDATE sm_secrets SET description = ?, last_changed_at = ?, deleted_at = ?, deletion_date = ?,
       resource_policy = ?, tags_touched = ? WHERE arn = ?`,
  ).run(
    primary.description,
    primary.last_changed_at,
    primary.deleted_at,
    primary.deletion_date,
    primary.resource_policy,
    primary.tags_touched,
    replicaArn,
  );
  db.prepare('DELETE FROM sm_tags WHERE secret_arn = ?').run(replicaArn);
  db.prepare(
    'INSERT INTO sm_tags (secret_arn, tag_key, tag_value, position) SELECT ?, tag_key, tag_value, position FROM sm_tags WHERE secret_arn = ?',
  ).run(replicaArn, primary.arn);
  const accessed = new Map(
    versionsOf(db, replicaArn).map((v) => [v.version_id, v.last_accessed_at] as const),
  );
  db.prepare('DELETE FROM sm_versions WHERE secret_arn = ?').run(replicaArn);
  const key = keyFor(env.kms, replicaScope, row.kms_key_id, env.now);
  const insert = db.prepare(
    `INSERT INTO sm_versions (secret_arn, version_id, seq, kind, ciphertext, kms_key_arn, created_at, last_accessed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const version of versionsOf(db, primary.arn)) {
    const ciphertext = version.ciphertext
      ? encryptValue(
          env.kms,
          key,
          replicaArn,
          version.version_id,
          decryptVersion(env.kms, { region: primary.region, account: primary.account }, version, env.now),
        )
      : null;
    insert.run(
      replicaArn,
      version.version_id,
      version.seq,
      version.kind,
      ciphertext,
      ciphertext ? key.arn : null,
      version.created_at,
      accessed.get(version.version_id) ?? null,
    );
  }
  db.prepare(
    'INSERT INTO sm_stages (secret_arn, stage, version_id) SELECT ?, stage, version_id FROM sm_stages WHERE secret_arn = ?',
  ).run(replicaArn, primary.arn);
}

/** Creates (or, with `force`, takes over) the replica in `region` and fills it. */
/** A replica region a request asks for: the API model leaves `Region` optional, Secrets Manager does not. */
export interface ReplicaRequest {
  region: string;
  kmsKeyId: string | undefined;
}

/**
 * The replicas an `AddReplicaRegions` list asks for, checked before anything is written: an entry
 * without a Region is refused as a whole request.
 */
export function replicaRequests(
  replicas: readonly { Region?: string; KmsKeyId?: string }[] | undefined,
): ReplicaRequest[] {
  return (replicas ?? []).map((replica) => {
    if (replica.Region === undefined) {
      throw invalidParameter('Invalid replica region: every entry of AddReplicaRegions must name a Region.');
    }
    return { region: replica.Region, kmsKeyId: replica.KmsKeyId };
  });
}

export function addReplica(
  env: WriteEnv,
  primary: SecretRow,
  region: string,
  kmsKeyId: string | undefined,
  force: boolean,
): void {
  const db = env.db;
  db.prepare(
    `INSERT INTO sm_replicas (primary_arn, region, kms_key_id, status) VALUES (?, ?, ?, 'InProgress')
     ON CONFLICT (primary_arn, region) DO UPDATE SET kms_key_id = excluded.kms_key_id, status = 'InProgress', status_message = NULL`,
  ).run(primary.arn, region, kmsKeyId ?? null);
  const replicaArn = arnInRegion(primary.arn, region);
  const occupant = findSecret(db, { region, account: primary.account }, primary.name);
  if (occupant && occupant.arn !== replicaArn) {
    if (!force || occupant.primary_region !== null) {
      setStatus(db, primary.arn, region, 'Failed', NAME_TAKEN);
      return;
    }
    db.prepare('DELETE FROM sm_secrets WHERE arn = ?').run(occupant.arn);
  }
  if (!secretByArn(db, replicaArn)) {
    db.prepare(
      `INSERT INTO sm_secrets (arn, region, account, name, kms_key_id, created_at, last_changed_at, primary_region)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      replicaArn,
      region,
      primary.account,
      primary.name,
      kmsKeyId ?? null,
      env.now.getTime(),
      env.now.getTime(),
      primary.region,
    );
  }
  syncReplica(env, primary, replicaRows(db, primary.arn).find((r) => r.region === region)!);
}

function syncReplica(env: WriteEnv, primary: SecretRow, row: ReplicaRow): void {
  if (row.status === 'Failed' && row.status_message === NAME_TAKEN) return;
  try {
    env.db.transaction(() => copyToReplica(env, primary, row))();
    setStatus(env.db, primary.arn, row.region, 'InSync', null);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'InternalFailure';
    setStatus(env.db, primary.arn, row.region, 'Failed', `Replication failed: ${reason}.`);
  }
}

/** Brings every replica of `primaryArn` up to date with the primary. */
export function syncReplicas(env: WriteEnv, primaryArn: string): void {
  const primary = secretByArn(env.db, primaryArn);
  if (!primary || primary.primary_region !== null) return;
  for (const row of replicaRows(env.db, primaryArn)) syncReplica(env, primary, row);
}

export function removeReplica(db: Db, primary: SecretRow, region: string): void {
  db.prepare('DELETE FROM sm_replicas WHERE primary_arn = ? AND region = ?').run(primary.arn, region);
  db.prepare('DELETE FROM sm_secrets WHERE arn = ? AND primary_region IS NOT NULL').run(
    arnInRegion(primary.arn, region),
  );
}
