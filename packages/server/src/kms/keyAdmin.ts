/** Changes to a key's record (state, deletion, description, policy, rotation), its removal, and listing keys. */
import type { Db } from '../store/store.js';
import type { KeyRecord, KeyState, Scope } from './engine.js';

interface KeyChanges {
  state?: KeyState;
  deletion_date?: number | null;
  pending_window_days?: number | null;
  description?: string;
  policy?: string;
  rotation_enabled?: 0 | 1;
  rotation_period_days?: number | null;
  next_rotation_at?: number | null;
}

export function updateKey(db: Db, key: KeyRecord, changes: KeyChanges): void {
  const columns = Object.keys(changes);
  if (columns.length === 0) return;
  db.prepare(
    `UPDATE kms_keys SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id AND region = @region`,
  ).run({ ...changes, id: key.id, region: key.region });
}

/** Removes a key for good: its row, key material, tags and the aliases that point at it. */
export function removeKey(db: Db, scope: Scope, keyId: string): void {
  db.prepare('DELETE FROM kms_aliases WHERE region = ? AND account = ? AND key_id = ?').run(
    scope.region,
    scope.account,
    keyId,
  );
  db.prepare('DELETE FROM kms_key_material WHERE key_id = ? AND region = ?').run(keyId, scope.region);
  db.prepare('DELETE FROM kms_tags WHERE key_id = ? AND region = ?').run(keyId, scope.region);
  db.prepare('DELETE FROM kms_keys WHERE id = ? AND region = ? AND account = ?').run(
    keyId,
    scope.region,
    scope.account,
  );
}

/** The keys of the account in the region whose deletion date has passed. */
export function keysDueForDeletion(db: Db, scope: Scope, now: number): string[] {
  return (
    db
      .prepare(
        `SELECT id FROM kms_keys WHERE region = ? AND account = ? AND state = 'PendingDeletion'
           AND deletion_date <= ?`,
      )
      .all(scope.region, scope.account, now) as { id: string }[]
  ).map((row) => row.id);
}

/** Every key of the account in the region, in key-id order (the order ListKeys pages in). */
export function keyIds(db: Db, scope: Scope): { id: string; arn: string }[] {
  return db
    .prepare('SELECT id, arn FROM kms_keys WHERE region = ? AND account = ? ORDER BY id')
    .all(scope.region, scope.account) as { id: string; arn: string }[];
}

export interface RotationRecord {
  version: number;
  createdAt: number;
  rotationType: 'AUTOMATIC' | 'ON_DEMAND';
}

/** The key's rotations: every material version after the first, oldest first. */
export function rotations(db: Db, key: KeyRecord): RotationRecord[] {
  return (
    db
      .prepare(
        `SELECT version, created_at, rotation_type FROM kms_key_material
         WHERE key_id = ? AND region = ? AND rotation_type IS NOT NULL ORDER BY version`,
      )
      .all(key.id, key.region) as {
      version: number;
      created_at: number;
      rotation_type: 'AUTOMATIC' | 'ON_DEMAND';
    }[]
  ).map((row) => ({ version: row.version, createdAt: row.created_at, rotationType: row.rotation_type }));
}
