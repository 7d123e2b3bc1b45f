/**
 * Aliases: friendly names (`alias/…`) for keys, one key per alias, unique per account and region.
 * Names under `alias/aws/` belong to AWS-managed keys and cannot be made or changed by callers.
 */
import { AwsError } from '../protocol/awsError.js';
import type { Db } from '../store/store.js';
import { aliasArn, type Scope } from './engine.js';

export interface AliasRecord {
  name: string;
  keyId: string;
  createdAt: number;
  updatedAt: number;
}

export const AWS_ALIAS_PREFIX = 'alias/aws/';

/** The checks every alias-writing operation makes on the name, after the shape's pattern. */
export function assertWritableAliasName(name: string): void {
  if (!name.startsWith('alias/')) {
    throw new AwsError(
      'ValidationException',
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
  }
  if (name.startsWith(AWS_ALIAS_PREFIX)) throw new AwsError('NotAuthorizedException', '');
}

export function getAlias(db: Db, scope: Scope, name: string): AliasRecord | undefined {
  const row = db
    .prepare(
      'SELECT name, key_id, created_at, updated_at FROM kms_aliases WHERE region = ? AND account = ? AND name = ?',
    )
    .get(scope.region, scope.account, name) as Row | undefined;
  return row && toRecord(row);
}

/** The alias named, or NotFoundException naming its ARN as AWS does. */
export function requireAlias(db: Db, scope: Scope, name: string): AliasRecord {
  const alias = getAlias(db, scope, name);
  if (!alias) throw new AwsError('NotFoundException', `Alias ${aliasArn(scope, name)} is not found.`);
  return alias;
}

export function insertAlias(db: Db, scope: Scope, name: string, keyId: string, at: number): void {
  if (getAlias(db, scope, name)) {
    throw new AwsError(
      'AlreadyExistsException',
      `An alias with the name ${aliasArn(scope, name)} already exists`,
    );
  }
  db.prepare(
    'INSERT INTO kms_aliases (region, account, name, key_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(scope.region, scope.account, name, keyId, at, at);
}

export function retargetAlias(db: Db, scope: Scope, name: string, keyId: string, at: number): void {
  db.prepare(
    'UPDATE kms_aliases SET key_id = ?, updated_at = ? WHERE region = ? AND account = ? AND name = ?',
  ).run(keyId, at, scope.region, scope.account, name);
}

export function deleteAlias(db: Db, scope: Scope, name: string): void {
  db.prepare('DELETE FROM kms_aliases WHERE region = ? AND account = ? AND name = ?').run(
    scope.region,
    scope.account,
    name,
  );
}

/** The aliases of the account in the region (optionally of one key), in name order. */
export function listAliases(db: Db, scope: Scope, keyId?: string): AliasRecord[] {
  const rows = (
    keyId === undefined
      ? db
          .prepare(
            'SELECT name, key_id, created_at, updated_at FROM kms_aliases WHERE region = ? AND account = ? ORDER BY name',
          )
          .all(scope.region, scope.account)
      : db
          .prepare(
            'SELECT name, key_id, created_at, updated_at FROM kms_aliases WHERE region = ? AND account = ? AND key_id = ? ORDER BY name',
          )
          .all(scope.region, scope.account, keyId)
  ) as Row[];
  return rows.map(toRecord);
}

interface Row {
  name: string;
  key_id: string;
  created_at: number;
  updated_at: number;
}

const toRecord = (row: Row): AliasRecord => ({
  name: row.name,
  keyId: row.key_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
