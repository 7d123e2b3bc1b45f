import type { Migration } from '../store/store.js';

/**
 * A parameter is its row in `ssm_parameters` plus one row per kept version (at most 100). Every
 * attribute lives on the version, so the history shows each version as it was written. A
 * SecureString version holds only its KMS ciphertext (`value` stays NULL).
 */
export const ssmMigrations: readonly Migration[] = [
  {
    id: 'ssm-001',
    sql: `
      CREATE TABLE ssm_parameters (
        region TEXT NOT NULL,
        account TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (region, account, name)
      );
      CREATE TABLE ssm_parameter_versions (
        region TEXT NOT NULL,
        account TEXT NOT NULL,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        type TEXT NOT NULL,
        value TEXT,
        ciphertext BLOB,
        key_id TEXT,
        description TEXT,
        allowed_pattern TEXT,
        tier TEXT NOT NULL,
        data_type TEXT NOT NULL,
        modified_at INTEGER NOT NULL,
        modified_user TEXT NOT NULL,
        PRIMARY KEY (region, account, name, version),
        FOREIGN KEY (region, account, name) REFERENCES ssm_parameters (region, account, name) ON DELETE CASCADE,
        CHECK ((type = 'SecureString') = (ciphertext IS NOT NULL AND value IS NULL))
      );
      CREATE TABLE ssm_labels (
        region TEXT NOT NULL,
        account TEXT NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (region, account, name, label),
        FOREIGN KEY (region, account, name, version)
          REFERENCES ssm_parameter_versions (region, account, name, version) ON DELETE CASCADE
      );
      CREATE TABLE ssm_tags (
        region TEXT NOT NULL,
        account TEXT NOT NULL,
        name TEXT NOT NULL,
        tag_key TEXT NOT NULL,
        tag_value TEXT NOT NULL,
        PRIMARY KEY (region, account, name, tag_key),
        FOREIGN KEY (region, account, name) REFERENCES ssm_parameters (region, account, name) ON DELETE CASCADE
      );
    `,
  },
];
