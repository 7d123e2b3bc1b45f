/**
 * Writing a secret version: ClientRequestToken idempotency (same token and value → the same
 * version; same token, other value → ResourceExistsException), the version quota, encryption, and
 * the staging-label moves that come with a new AWSCURRENT.
 */
import type { KmsEngine, Scope } from '../kms/engine.js';
import { AwsError } from '../protocol/awsError.js';
import type { OperationContext } from '../protocol/operation.js';
import type { Db } from '../store/store.js';
import { tokenConflict } from './errors.js';
import {
  attachStage,
  promoteToCurrent,
  type SecretRow,
  scopeOf,
  stagesOfVersion,
  touch,
  versionOf,
} from './secretStore.js';
import { decryptVersion, encryptValue, keyFor, type SecretValue, sameValue } from './secretValue.js';

/** What a write needs, whether a request or the server itself (replication, rotation) makes it. */
export interface WriteEnv {
  db: Db;
  kms: KmsEngine;
  scope: Scope;
  now: Date;
}

export const writeEnvOf = (ctx: OperationContext): WriteEnv => ({
  db: ctx.store.db,
  kms: ctx.kms,
  scope: scopeOf(ctx),
  now: ctx.now,
});

export const MAX_VERSIONS = 100;
const DEPRECATED_VERSION_MIN_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * AWS keeps about 100 versions: versions without staging labels (deprecated) go first, but never
 * one younger than 24 hours; when none can go, a new version is refused.
 */
function makeRoomForVersion(env: WriteEnv, arn: string): void {
  const count = () =>
    (env.db.prepare('SELECT COUNT(*) AS n FROM sm_versions WHERE secret_arn = ?').get(arn) as { n: number })
      .n;
  if (count() < MAX_VERSIONS) return;
  const removable = env.db
    .prepare(
      `SELECT version_id FROM sm_versions v WHERE secret_arn = ? AND created_at <= ?
         AND NOT EXISTS (SELECT 1 FROM sm_stages s WHERE s.secret_arn = v.secret_arn AND s.version_id = v.version_id)
       ORDER BY seq`,
    )
    .all(arn, env.now.getTime() - DEPRECATED_VERSION_MIN_AGE_MS) as { version_id: string }[];
  const remove = env.db.prepare('DELETE FROM sm_versions WHERE secret_arn = ? AND version_id = ?');
  for (const { version_id } of removable) {
    if (count() < MAX_VERSIONS) break;
    remove.run(arn, version_id);
  }
  if (count() >= MAX_VERSIONS) {
    throw new AwsError(
      'LimitExceededException',
      `You have exceeded the maximum number of versions (${MAX_VERSIONS}) for this secret. Secrets Manager removes deprecated versions (those without staging labels) once they are more than 24 hours old.`,
    );
  }
}

/** Adds an empty version (no value yet), as RotateSecret does before calling the rotation function. */
export function addEmptyVersion(env: WriteEnv, arn: string, versionId: string): void {
  makeRoomForVersion(env, arn);
  env.db
    .prepare(
      `INSERT INTO sm_versions (secret_arn, version_id, seq, created_at)
       VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sm_versions WHERE secret_arn = ?), ?)`,
    )
    .run(arn, versionId, arn, env.now.getTime());
}

export interface Written {
  versionId: string;
  stages: string[];
  /** False when the token named a version that already held this value (an idempotent retry). */
  created: boolean;
}

export function writeVersion(
  env: WriteEnv,
  secret: SecretRow,
  versionId: string,
  value: SecretValue,
  stages: readonly string[],
): Written {
  const arn = secret.arn;
  const existing = versionOf(env.db, arn, versionId);
  if (existing?.ciphertext) {
    if (!sameValue(decryptVersion(env.kms, env.scope, existing, env.now), value)) throw tokenConflict();
    return { versionId, stages: stagesOfVersion(env.db, arn, versionId), created: false };
  }
  const key = keyFor(env.kms, env.scope, secret.kms_key_id, env.now);
  const ciphertext = encryptValue(env.kms, key, arn, versionId, value);
  if (!existing) addEmptyVersion(env, arn, versionId);
  env.db
    .prepare(
      'UPDATE sm_versions SET kind = ?, ciphertext = ?, kms_key_arn = ? WHERE secret_arn = ? AND version_id = ?',
    )
    .run(value.kind, ciphertext, key.arn, arn, versionId);
  for (const stage of stages) {
    if (stage === 'AWSCURRENT') promoteToCurrent(env.db, arn, versionId);
    else attachStage(env.db, arn, stage, versionId);
  }
  touch(env.db, arn, env.now.getTime());
  return { versionId, stages: stagesOfVersion(env.db, arn, versionId), created: true };
}
