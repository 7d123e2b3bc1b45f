/**
 * Reading a secret's value as GetSecretValue does, shared by BatchGetSecretValue and by SSM's
 * `/aws/reference/secretsmanager/` parameters.
 */
import type { JsonObject, OperationContext } from '../protocol/operation.js';
import { invalidRequest, stageNotFound, versionNotFound } from './errors.js';
import {
  accessDay,
  recordAccess,
  requireSecret,
  type SecretRow,
  scopeOf,
  stagesOfVersion,
  type VersionRow,
  versionOf,
  versionWithStage,
} from './secretStore.js';
import { decryptVersion, type SecretValue } from './secretValue.js';

export interface ReadResult {
  secret: SecretRow;
  version: VersionRow;
  value: SecretValue;
  stages: readonly string[];
}

export function readValue(
  ctx: OperationContext,
  secretId: string,
  versionId: string | undefined,
  versionStage: string | undefined,
): ReadResult {
  const db = ctx.store.db;
  const secret = requireSecret(ctx, secretId);
  let version: VersionRow | undefined;
  if (versionId !== undefined) {
    version = versionOf(db, secret.arn, versionId);
    if (!version?.ciphertext) throw versionNotFound(versionId);
    if (versionStage !== undefined && !stagesOfVersion(db, secret.arn, versionId).includes(versionStage)) {
      throw invalidRequest('You provided a VersionStage that is not associated to the provided VersionId.');
    }
  } else {
    const stage = versionStage ?? 'AWSCURRENT';
    version = ctx.store.memo(['sm-staged', secret.arn, stage], () => {
      const row = versionWithStage(db, secret.arn, stage);
      return row && Object.freeze(row);
    });
    if (!version?.ciphertext) throw stageNotFound(stage);
  }
  const value = decryptVersion(ctx.kms, scopeOf(ctx), version, ctx.now);
  const { arn } = secret;
  const readId = version.version_id;
  const now = ctx.now.getTime();
  // Access dates are kept to the day, so after the first read of a day the update changes nothing.
  ctx.store.memo(['sm-accessed', arn, readId, accessDay(now)], () => recordAccess(db, arn, readId, now));
  const stages = ctx.store.memo(['sm-stages', arn, readId], () =>
    Object.freeze(stagesOfVersion(db, arn, readId)),
  );
  return { secret, version, value, stages };
}

/**
 * One literal with both value members, the unused one undefined and so left out of the JSON: a spread
 * of the value's member in the middle of it made building and serializing it about 1.4 µs slower, on every
 * GetSecretValue.
 */
export const secretValueOutput = ({ secret, version, value, stages }: ReadResult): JsonObject => ({
  ARN: secret.arn,
  Name: secret.name,
  VersionId: version.version_id,
  SecretString: value.kind === 'string' ? value.bytes.toString('utf8') : undefined,
  SecretBinary: value.kind === 'binary' ? value.bytes.toString('base64') : undefined,
  VersionStages: stages,
  CreatedDate: version.created_at / 1000,
});
