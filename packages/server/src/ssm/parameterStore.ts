/**
 * The SSM tables as the operations see them: versions, labels and tags of the parameters of one
 * account and region. Only SQL lives here; the rules live in the operations.
 */
import type { Scope } from '../kms/engine.js';
import type { OperationContext } from '../protocol/operation.js';
import type { Db, Store } from '../store/store.js';

export type ParameterType = 'String' | 'StringList' | 'SecureString';
export type ParameterTier = 'Standard' | 'Advanced';

export interface ParameterVersion {
  name: string;
  version: number;
  type: ParameterType;
  /** The value of a String or StringList; null for a SecureString. */
  value: string | null;
  /** The KMS ciphertext of a SecureString; null otherwise. */
  ciphertext: Buffer | null;
  keyId: string | null;
  description: string | null;
  allowedPattern: string | null;
  tier: ParameterTier;
  dataType: string;
  /** Milliseconds since the epoch. */
  modifiedAt: number;
  modifiedUser: string;
}

export type NewVersion = ParameterVersion;

export interface Tag {
  Key: string;
  Value: string;
}

interface VersionRow {
  name: string;
  version: number;
  type: ParameterType;
  value: string | null;
  ciphertext: Buffer | null;
  key_id: string | null;
  description: string | null;
  allowed_pattern: string | null;
  tier: ParameterTier;
  data_type: string;
  modified_at: number;
  modified_user: string;
}

const toVersion = (row: VersionRow): ParameterVersion => ({
  name: row.name,
  version: row.version,
  type: row.type,
  value: row.value,
  ciphertext: row.ciphertext,
  keyId: row.key_id,
  description: row.description,
  allowedPattern: row.allowed_pattern,
  tier: row.tier,
  dataType: row.data_type,
  modifiedAt: row.modified_at,
  modifiedUser: row.modified_user,
});

const SCOPED = 'region = ? AND account = ?';

export class ParameterStore {
  private readonly scopeArgs: [string, string];
  private readonly db: Db;

  constructor(
    private readonly store: Store,
    scope: Scope,
  ) {
    this.db = store.db;
    this.scopeArgs = [scope.region, scope.account];
  }

  exists(name: string): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM ssm_parameters WHERE ${SCOPED} AND name = ?`)
        .get(...this.scopeArgs, name) !== undefined
    );
  }

  /** Read by every GetParameter(s), so kept until the store changes; callers must not mutate it. */
  latest(name: string): ParameterVersion | undefined {
    const [region, account] = this.scopeArgs;
    return this.store.memo(['ssm-latest', region, account, name], () => {
      const row = this.db
        .prepare(
          `SELECT * FROM ssm_parameter_versions WHERE ${SCOPED} AND name = ? ORDER BY version DESC LIMIT 1`,
        )
        .get(...this.scopeArgs, name) as VersionRow | undefined;
      return row && Object.freeze(toVersion(row));
    });
  }

  version(name: string, version: number): ParameterVersion | undefined {
    const row = this.db
      .prepare(`SELECT * FROM ssm_parameter_versions WHERE ${SCOPED} AND name = ? AND version = ?`)
      .get(...this.scopeArgs, name, version) as VersionRow | undefined;
    return row && toVersion(row);
  }

  labelled(name: string, label: string): ParameterVersion | undefined {
    const at = this.labelVersion(name, label);
    return at === undefined ? undefined : this.version(name, at);
  }

  /** Every kept version, oldest first. */
  history(name: string): ParameterVersion[] {
    return (
      this.db
        .prepare(`SELECT * FROM ssm_parameter_versions WHERE ${SCOPED} AND name = ? ORDER BY version`)
        .all(...this.scopeArgs, name) as VersionRow[]
    ).map(toVersion);
  }

  /** The latest version of every parameter, ordered by name. */
  allLatest(): ParameterVersion[] {
    return (
      this.db
        .prepare(
          `SELECT v.* FROM ssm_parameter_versions v
           JOIN (SELECT name, MAX(version) AS version FROM ssm_parameter_versions WHERE ${SCOPED} GROUP BY name) m
             ON v.name = m.name AND v.version = m.version
           WHERE v.region = ? AND v.account = ?
           ORDER BY v.name`,
        )
        .all(...this.scopeArgs, ...this.scopeArgs) as VersionRow[]
    ).map(toVersion);
  }

  versionCount(name: string): number {
    return (
      this.db
        .prepare(`SELECT COUNT(*) AS n FROM ssm_parameter_versions WHERE ${SCOPED} AND name = ?`)
        .get(...this.scopeArgs, name) as { n: number }
    ).n;
  }

  insert(v: NewVersion): void {
    this.db
      .prepare(`INSERT OR IGNORE INTO ssm_parameters (region, account, name) VALUES (?, ?, ?)`)
      .run(...this.scopeArgs, v.name);
    this.db
      .prepare(
        `INSERT INTO ssm_parameter_versions (region, account, name, version, type, value, ciphertext, key_id,
           description, allowed_pattern, tier, data_type, modified_at, modified_user)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        ...this.scopeArgs,
        v.name,
        v.version,
        v.type,
        v.value,
        v.ciphertext,
        v.keyId,
        v.description,
        v.allowedPattern,
        v.tier,
        v.dataType,
        v.modifiedAt,
        v.modifiedUser,
      );
  }

  deleteVersion(name: string, version: number): void {
    this.db
      .prepare(`DELETE FROM ssm_parameter_versions WHERE ${SCOPED} AND name = ? AND version = ?`)
      .run(...this.scopeArgs, name, version);
  }

  /** Deletes the parameter with its versions, labels and tags; false when there was none. */
  delete(name: string): boolean {
    return (
      this.db.prepare(`DELETE FROM ssm_parameters WHERE ${SCOPED} AND name = ?`).run(...this.scopeArgs, name)
        .changes > 0
    );
  }

  labels(name: string, version: number): string[] {
    return (
      this.db
        .prepare(`SELECT label FROM ssm_labels WHERE ${SCOPED} AND name = ? AND version = ? ORDER BY rowid`)
        .all(...this.scopeArgs, name, version) as { label: string }[]
    ).map((r) => r.label);
  }

  /** Labels of every version of a parameter, by version. */
  labelsByVersion(name: string): Map<number, string[]> {
    const rows = this.db
      .prepare(`SELECT label, version FROM ssm_labels WHERE ${SCOPED} AND name = ? ORDER BY rowid`)
      .all(...this.scopeArgs, name) as { label: string; version: number }[];
    const byVersion = new Map<number, string[]>();
    for (const { label, version } of rows) byVersion.set(version, [...(byVersion.get(version) ?? []), label]);
    return byVersion;
  }

  labelVersion(name: string, label: string): number | undefined {
    const row = this.db
      .prepare(`SELECT version FROM ssm_labels WHERE ${SCOPED} AND name = ? AND label = ?`)
      .get(...this.scopeArgs, name, label) as { version: number } | undefined;
    return row?.version;
  }

  /** Puts a label on a version, taking it off whichever version held it. */
  setLabel(name: string, label: string, version: number): void {
    this.removeLabel(name, label);
    this.db
      .prepare('INSERT INTO ssm_labels (region, account, name, label, version) VALUES (?, ?, ?, ?, ?)')
      .run(...this.scopeArgs, name, label, version);
  }

  removeLabel(name: string, label: string): void {
    this.db
      .prepare(`DELETE FROM ssm_labels WHERE ${SCOPED} AND name = ? AND label = ?`)
      .run(...this.scopeArgs, name, label);
  }

  tags(name: string): Tag[] {
    return (
      this.db
        .prepare(`SELECT tag_key, tag_value FROM ssm_tags WHERE ${SCOPED} AND name = ? ORDER BY tag_key`)
        .all(...this.scopeArgs, name) as { tag_key: string; tag_value: string }[]
    ).map((r) => ({ Key: r.tag_key, Value: r.tag_value }));
  }

  putTags(name: string, tags: readonly Tag[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO ssm_tags (region, account, name, tag_key, tag_value) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (region, account, name, tag_key) DO UPDATE SET tag_value = excluded.tag_value`,
    );
    for (const tag of tags) upsert.run(...this.scopeArgs, name, tag.Key, tag.Value);
  }

  removeTags(name: string, keys: readonly string[]): void {
    const remove = this.db.prepare(`DELETE FROM ssm_tags WHERE ${SCOPED} AND name = ? AND tag_key = ?`);
    for (const key of keys) remove.run(...this.scopeArgs, name, key);
  }
}

export const scopeOf = (ctx: OperationContext): Scope => ({ region: ctx.region, account: ctx.accountId });

export const parametersOf = (ctx: OperationContext): ParameterStore =>
  new ParameterStore(ctx.store, scopeOf(ctx));
