/**
 * A secret's metadata as DescribeSecret and ListSecrets return it. Unset members are omitted, as
 * AWS omits them: no Description when empty, no rotation members until rotation was configured,
 * no Tags until the secret was tagged (then `[]` once all are removed), no LastAccessedDate before
 * a read, no VersionIdsToStages while no version holds a label.
 */
import type { JsonObject } from '../protocol/operation.js';
import type { Db } from '../store/store.js';
import { replicationStatus } from './replication.js';
import { type SecretRow, stagesOf, tagsOf } from './secretStore.js';

export const seconds = (ms: number): number => ms / 1000;

export function describeSecret(
  db: Db,
  secret: SecretRow,
  versionsMember: 'VersionIdsToStages' | 'SecretVersionsToStages',
): JsonObject {
  const out: JsonObject = { ARN: secret.arn, Name: secret.name };
  if (secret.description) out.Description = secret.description;
  if (secret.kms_key_id) out.KmsKeyId = secret.kms_key_id;
  if (secret.rotation_lambda_arn !== null || secret.rotation_enabled === 1) {
    out.RotationEnabled = secret.rotation_enabled === 1;
    if (secret.rotation_lambda_arn) out.RotationLambdaARN = secret.rotation_lambda_arn;
    if (secret.rotation_rules) out.RotationRules = JSON.parse(secret.rotation_rules) as JsonObject;
  }
  if (secret.last_rotated_at !== null) out.LastRotatedDate = seconds(secret.last_rotated_at);
  out.LastChangedDate = seconds(secret.last_changed_at);
  if (secret.last_accessed_at !== null) out.LastAccessedDate = seconds(secret.last_accessed_at);
  if (secret.deleted_at !== null) out.DeletedDate = seconds(secret.deleted_at);
  if (secret.rotation_enabled === 1 && secret.next_rotation_at !== null) {
    out.NextRotationDate = seconds(secret.next_rotation_at);
  }
  const tags = tagsOf(db, secret.arn);
  if (tags.length > 0 || secret.tags_touched === 1) out.Tags = tags;
  const stages = stagesOf(db, secret.arn);
  if (stages.size > 0) out[versionsMember] = Object.fromEntries(stages);
  out.CreatedDate = seconds(secret.created_at);
  const replicas = replicationStatus(db, secret);
  if (secret.primary_region !== null) out.PrimaryRegion = secret.primary_region;
  else if (replicas.length > 0) out.PrimaryRegion = secret.region;
  if (replicas.length > 0) out.ReplicationStatus = replicas;
  return out;
}
