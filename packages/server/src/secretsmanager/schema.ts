import type { Migration } from '../store/store.js';

/**
 * A secret is its row in `sm_secrets` (one per region: a replica is its own row, with
 * `primary_region` set), its versions, the staging labels that point at them, and its tags.
 * A version holds only KMS ciphertext; a version RotateSecret created for the rotation function to
 * fill holds none yet. `sm_replicas` is the primary's view of where it is replicated.
 */
export const secretsManagerMigrations: readonly Migration[] = [
  {
    id: 'secretsmanager-001',
    sql: `
      CREATE TABLE sm_secrets (
        arn TEXT PRIMARY KEY,
        region TEXT NOT NULL,
        account TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        kms_key_id TEXT,
        created_at INTEGER NOT NULL,
        last_changed_at INTEGER NOT NULL,
        last_accessed_at INTEGER,
        deleted_at INTEGER,
        deletion_date INTEGER,
        rotation_enabled INTEGER NOT NULL DEFAULT 0,
        rotation_lambda_arn TEXT,
        rotation_rules TEXT,
        last_rotated_at INTEGER,
        next_rotation_at INTEGER,
        resource_policy TEXT,
        primary_region TEXT,
        tags_touched INTEGER NOT NULL DEFAULT 0,
        UNIQUE (region, account, name)
      );
      CREATE TABLE sm_versions (
        secret_arn TEXT NOT NULL REFERENCES sm_secrets (arn) ON DELETE CASCADE,
        version_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT CHECK (kind IN ('string', 'binary')),
        ciphertext BLOB,
        kms_key_arn TEXT,
        created_at INTEGER NOT NULL,
        last_accessed_at INTEGER,
        PRIMARY KEY (secret_arn, version_id),
        CHECK ((kind IS NULL) = (ciphertext IS NULL))
      );
      CREATE TABLE sm_stages (
        secret_arn TEXT NOT NULL,
        stage TEXT NOT NULL,
        version_id TEXT NOT NULL,
        PRIMARY KEY (secret_arn, stage),
        FOREIGN KEY (secret_arn, version_id) REFERENCES sm_versions (secret_arn, version_id) ON DELETE CASCADE
      );
      CREATE TABLE sm_tags (
        secret_arn TEXT NOT NULL REFERENCES sm_secrets (arn) ON DELETE CASCADE,
        tag_key TEXT NOT NULL,
        tag_value TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (secret_arn, tag_key)
      );
      CREATE TABLE sm_replicas (
        primary_arn TEXT NOT NULL REFERENCES sm_secrets (arn) ON DELETE CASCADE,
        region TEXT NOT NULL,
        kms_key_id TEXT,
        status TEXT NOT NULL,
        status_message TEXT,
        PRIMARY KEY (primary_arn, region)
      );
    `,
  },
];
