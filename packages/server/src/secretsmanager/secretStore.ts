/**
 * Reading and writing secrets, versions, staging labels and tags in the store. Operations go
 * through here so that lookups (name, full ARN, partial ARN), the one-label-one-version rule and
 * the purge of secrets whose recovery window has ended are the same everywhere.
 */
import type { Scope } from '../kms/engine.js';
import type { OperationContext } from '../protocol/operation.js';
import type { Db } from '../store/store.js';
import { markedForDeletion, secretNotFound } from './errors.js';
import { assertValidSecretId } from './names.js';

export interface SecretRow {
  arn: string;
  region: string;
  account: string;
  name: string;
  description: string | null;
  kms_key_id: string | null;
  created_at: number;
  last_changed_at: number;
  last_accessed_at: number | null;
  deleted_at: number | null;
  deletion_date: number | null;
  rotation_enabled: number;
  rotation_lambda_arn: string | null;
  rotation_rules: string | null;
  last_rotated_at: number | null;
  next_rotation_at: number | null;
  resource_policy: string | null;
  primary_region: string | null;
  tags_touched: number;
}

export interface VersionRow {
  secret_arn: string;
  version_id: string;
  seq: number;
  kind: 'string' | 'binary' | null;
  ciphertext: Buffer | null;
  kms_key_arn: string | null;
  created_at: number;
  last_accessed_at: number | null;
}

export const scopeOf = (ctx: OperationContext): Scope => ({ region: ctx.region, account: ctx.accountId });

/** Removes secrets whose recovery window has ended, as AWS does once the window closes. */
export function purgeExpired(db: Db, now: number): void {
  db.prepare('DELETE FROM sm_secrets WHERE deletion_date IS NOT NULL AND deletion_date <= ?').run(now);
}

/** A secret by name, full ARN or partial ARN (the ARN without its 6-character suffix). */
export function findSecret(db: Db, scope: Scope, secretId: string): SecretRow | undefined {
  if (secretId.startsWith('arn:')) {
    return (db
      .prepare(
        `SELECT * FROM sm_secrets WHERE region = ? AND account = ?
           AND (arn = ? OR substr(arn, 1, length(arn) - 7) = ?)
         ORDER BY arn = ? DESC LIMIT 1`,
      )
      .get(scope.region, scope.account, secretId, secretId, secretId) ?? undefined) as SecretRow | undefined;
  }
  return db
    .prepare('SELECT * FROM sm_secrets WHERE region = ? AND account = ? AND name = ?')
    .get(scope.region, scope.account, secretId) as SecretRow | undefined;
}

export function secretByArn(db: Db, arn: string): SecretRow | undefined {
  return db.prepare('SELECT * FROM sm_secrets WHERE arn = ?').get(arn) as SecretRow | undefined;
}

export interface RequireOptions {
  /** DescribeSecret, RestoreSecret and tagging work on a secret scheduled for deletion. */
  allowDeleted?: boolean;
}

/** The secret a request names, or the error AWS gives for a malformed, missing or deleted one. */
export function requireSecret(
  ctx: OperationContext,
  secretId: string,
  options: RequireOptions = {},
): SecretRow {
  assertValidSecretId(secretId);
  const { store } = ctx;
  const now = ctx.now.getTime();
  // Both are read on every GetSecretValue: the purge needs running once a second at most, and a
  // secret's row is kept until the store changes.
  store.memo(['sm-purge', Math.floor(now / 1000)], () => purgeExpired(store.db, now));
  const scope = scopeOf(ctx);
  const secret = store.memo(['sm-secret', scope.region, scope.account, secretId], () => {
    const row = findSecret(store.db, scope, secretId);
    return row && Object.freeze(row);
  });
  if (!secret) throw secretNotFound();
  if (secret.deleted_at !== null && !options.allowDeleted) throw markedForDeletion();
  return secret;
}

export function versionsOf(db: Db, arn: string): VersionRow[] {
  return db.prepare('SELECT * FROM sm_versions WHERE secret_arn = ? ORDER BY seq').all(arn) as VersionRow[];
}

export function versionOf(db: Db, arn: string, versionId: string): VersionRow | undefined {
  return db
    .prepare('SELECT * FROM sm_versions WHERE secret_arn = ? AND version_id = ?')
    .get(arn, versionId) as VersionRow | undefined;
}

export function versionWithStage(db: Db, arn: string, stage: string): VersionRow | undefined {
  return db
    .prepare(
      `SELECT v.* FROM sm_versions v JOIN sm_stages s ON s.secret_arn = v.secret_arn AND s.version_id = v.version_id
       WHERE s.secret_arn = ? AND s.stage = ?`,
    )
    .get(arn, stage) as VersionRow | undefined;
}

/** Staging labels by version id, each list sorted as AWS lists them. */
export function stagesOf(db: Db, arn: string): Map<string, string[]> {
  const rows = db
    .prepare('SELECT version_id, stage FROM sm_stages WHERE secret_arn = ? ORDER BY stage')
    .all(arn) as { version_id: string; stage: string }[];
  const out = new Map<string, string[]>();
  for (const row of rows) out.set(row.version_id, [...(out.get(row.version_id) ?? []), row.stage]);
  return out;
}

export const stagesOfVersion = (db: Db, arn: string, versionId: string): string[] =>
  (
    db
      .prepare('SELECT stage FROM sm_stages WHERE secret_arn = ? AND version_id = ? ORDER BY stage')
      .all(arn, versionId) as { stage: string }[]
  ).map((r) => r.stage);

/** Puts a label on a version, taking it off whichever version held it (a label is on at most one). */
export function attachStage(db: Db, arn: string, stage: string, versionId: string): void {
  db.prepare(
    `INSERT INTO sm_stages (secret_arn, stage, version_id) VALUES (?, ?, ?)
     ON CONFLICT (secret_arn, stage) DO UPDATE SET version_id = excluded.version_id`,
  ).run(arn, stage, versionId);
}

export function detachStage(db: Db, arn: string, stage: string): void {
  db.prepare('DELETE FROM sm_stages WHERE secret_arn = ? AND stage = ?').run(arn, stage);
}

/**
 * Moves AWSCURRENT to `versionId`; the version that held it becomes AWSPREVIOUS, and the version
 * that held AWSPREVIOUS before loses it.
 */
export function promoteToCurrent(db: Db, arn: string, versionId: string): void {
  const current = versionWithStage(db, arn, 'AWSCURRENT');
  if (current && current.version_id !== versionId) attachStage(db, arn, 'AWSPREVIOUS', current.version_id);
  attachStage(db, arn, 'AWSCURRENT', versionId);
}

export function touch(db: Db, arn: string, now: number): void {
  db.prepare('UPDATE sm_secrets SET last_changed_at = ? WHERE arn = ?').run(now, arn);
}

/** AWS records access dates to the day; a date already recorded is not written again. */
export const accessDay = (now: number): number => Math.floor(now / 86_400_000) * 86_400_000;

export function recordAccess(db: Db, arn: string, versionId: string, now: number): void {
  const day = accessDay(now);
  db.prepare('UPDATE sm_secrets SET last_accessed_at = ? WHERE arn = ? AND last_accessed_at IS NOT ?').run(
    day,
    arn,
    day,
  );
  db.prepare(
    'UPDATE sm_versions SET last_accessed_at = ? WHERE secret_arn = ? AND version_id = ? AND last_accessed_at IS NOT ?',
  ).run(day, arn, versionId, day);
}

export interface Tag {
  Key: string;
  Value: string;
}

export function tagsOf(db: Db, arn: string): Tag[] {
  return (
    db.prepare('SELECT tag_key, tag_value FROM sm_tags WHERE secret_arn = ? ORDER BY position').all(arn) as {
      tag_key: string;
      tag_value: string;
    }[]
  ).map((t) => ({ Key: t.tag_key, Value: t.tag_value }));
}

export function putTags(db: Db, arn: string, tags: readonly Tag[]): void {
  const next = db.prepare('SELECT COALESCE(MAX(position), 0) AS p FROM sm_tags WHERE secret_arn = ?');
  const upsert = db.prepare(
    `INSERT INTO sm_tags (secret_arn, tag_key, tag_value, position) VALUES (?, ?, ?, ?)
     ON CONFLICT (secret_arn, tag_key) DO UPDATE SET tag_value = excluded.tag_value`,
  );
  for (const tag of tags) {
    const { p } = next.get(arn) as { p: number };
    upsert.run(arn, tag.Key, tag.Value, p + 1);
  }
  db.prepare('UPDATE sm_secrets SET tags_touched = 1 WHERE arn = ?').run(arn);
}
