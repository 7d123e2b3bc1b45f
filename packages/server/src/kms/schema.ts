import type { Migration } from '../store/store.js';

export const kmsMigrations: readonly Migration[] = [
  {
    id: 'kms-001',
    sql: `
      CREATE TABLE kms_keys (
        id TEXT NOT NULL,
        region TEXT NOT NULL,
        account TEXT NOT NULL,
        arn TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        key_usage TEXT NOT NULL DEFAULT 'ENCRYPT_DECRYPT',
        key_spec TEXT NOT NULL DEFAULT 'SYMMETRIC_DEFAULT',
        origin TEXT NOT NULL DEFAULT 'AWS_KMS',
        manager TEXT NOT NULL DEFAULT 'CUSTOMER',
        state TEXT NOT NULL DEFAULT 'Enabled',
        created_at INTEGER NOT NULL,
        deletion_date INTEGER,
        pending_window_days INTEGER,
        rotation_enabled INTEGER NOT NULL DEFAULT 0,
        rotation_period_days INTEGER,
        next_rotation_at INTEGER,
        policy TEXT NOT NULL,
        multi_region INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (id, region)
      );
      CREATE TABLE kms_key_material (
        key_id TEXT NOT NULL,
        region TEXT NOT NULL,
        version INTEGER NOT NULL,
        sealed BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        rotation_type TEXT,
        PRIMARY KEY (key_id, region, version),
        FOREIGN KEY (key_id, region) REFERENCES kms_keys (id, region) ON DELETE CASCADE
      );
      CREATE TABLE kms_aliases (
        region TEXT NOT NULL,
        account TEXT NOT NULL,
        name TEXT NOT NULL,
        key_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (region, account, name)
      );
      CREATE TABLE kms_tags (
        key_id TEXT NOT NULL,
        region TEXT NOT NULL,
        tag_key TEXT NOT NULL,
        tag_value TEXT NOT NULL,
        PRIMARY KEY (key_id, region, tag_key),
        FOREIGN KEY (key_id, region) REFERENCES kms_keys (id, region) ON DELETE CASCADE
      );
    `,
  },
];
