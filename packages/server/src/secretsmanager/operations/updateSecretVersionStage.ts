import { defineOperation } from '../../protocol/operation.js';
import { string, structure } from '../../protocol/shape.js';
import { invalidParameter, replicaReadOnly, versionNotFound } from '../errors.js';
import { syncReplicas } from '../replication.js';
import {
  attachStage,
  detachStage,
  promoteToCurrent,
  requireSecret,
  touch,
  versionOf,
  versionWithStage,
} from '../secretStore.js';
import { secretIdMember, versionIdMember } from '../shapes.js';
import { writeEnvOf } from '../versionWriter.js';

export const updateSecretVersionStage = defineOperation({
  name: 'UpdateSecretVersionStage',
  input: structure({
    SecretId: secretIdMember,
    VersionStage: string({ required: true, min: 1, max: 256 }),
    RemoveFromVersionId: versionIdMember,
    MoveToVersionId: versionIdMember,
  }),
  handle(input, ctx) {
    const db = ctx.store.db;
    const secret = requireSecret(ctx, input.SecretId);
    if (secret.primary_region !== null) throw replicaReadOnly();
    const stage = input.VersionStage;
    const holder = versionWithStage(db, secret.arn, stage);
    if (input.RemoveFromVersionId !== undefined && holder?.version_id !== input.RemoveFromVersionId) {
      throw invalidParameter(
        `The staging label ${stage} is not currently attached to version ${input.RemoveFromVersionId}.`,
      );
    }
    if (input.MoveToVersionId !== undefined) {
      if (!versionOf(db, secret.arn, input.MoveToVersionId)) throw versionNotFound(input.MoveToVersionId);
      if (holder && holder.version_id !== input.MoveToVersionId && input.RemoveFromVersionId === undefined) {
        throw invalidParameter(
          `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.version_id}, so you must explicitly reference that version in RemoveFromVersionId.`,
        );
      }
      if (stage === 'AWSCURRENT') promoteToCurrent(db, secret.arn, input.MoveToVersionId);
      else attachStage(db, secret.arn, stage, input.MoveToVersionId);
    } else if (input.RemoveFromVersionId !== undefined) {
      if (stage === 'AWSCURRENT') {
        throw invalidParameter(
          "You can only move staging label AWSCURRENT to a different secret version. It can't be completely removed.",
        );
      }
      detachStage(db, secret.arn, stage);
    }
    touch(db, secret.arn, ctx.now.getTime());
    syncReplicas(writeEnvOf(ctx), secret.arn);
    return { ARN: secret.arn, Name: secret.name };
  },
});
