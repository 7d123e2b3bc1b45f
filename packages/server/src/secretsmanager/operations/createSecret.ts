import { randomUUID } from 'node:crypto';
import { AwsError } from '../../protocol/awsError.js';
import { defineOperation, type JsonObject } from '../../protocol/operation.js';
import { string, structure } from '../../protocol/shape.js';
import { invalidParameter, invalidRequest, tokenRequired } from '../errors.js';
import { assertValidName, newSecretArn } from '../names.js';
import { addReplica, replicaRequests, replicationStatus } from '../replication.js';
import { findSecret, purgeExpired, putTags, scopeOf, secretByArn, versionOf } from '../secretStore.js';
import { decryptVersion, requestValue, sameValue } from '../secretValue.js';
import {
  clientRequestTokenMember,
  descriptionMember,
  forceOverwriteMember,
  kmsKeyIdMember,
  replicaRegionsMember,
  secretBinaryMember,
  secretStringMember,
  tagsMember,
} from '../shapes.js';
import { assertTags } from '../tags.js';
import { writeEnvOf, writeVersion } from '../versionWriter.js';

export const createSecret = defineOperation({
  name: 'CreateSecret',
  input: structure({
    Name: string({ required: true, min: 1, max: 512 }),
    ClientRequestToken: clientRequestTokenMember,
    Description: descriptionMember,
    KmsKeyId: kmsKeyIdMember,
    SecretBinary: secretBinaryMember,
    SecretString: secretStringMember,
    Tags: tagsMember,
    AddReplicaRegions: replicaRegionsMember,
    ForceOverwriteReplicaSecret: forceOverwriteMember,
  }),
  handle(input, ctx) {
    const db = ctx.store.db;
    const scope = scopeOf(ctx);
    assertValidName(input.Name);
    if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
      throw invalidParameter(
        "You can't specify both a binary secret value and a string secret value in the same secret.",
      );
    }
    const value = requestValue(input);
    if (value && input.ClientRequestToken === undefined) throw tokenRequired('InvalidRequestException');
    assertTags(input.Tags ?? []);
    const replicas = replicaRequests(input.AddReplicaRegions);
    purgeExpired(db, ctx.now.getTime());
    const existing = findSecret(db, scope, input.Name);
    if (existing) {
      if (existing.deleted_at !== null) {
        throw invalidRequest(
          "You can't create this secret because a secret with this name is already scheduled for deletion.",
        );
      }
      // A retry of the same request (same token, same value) answers as the first one did.
      const retried = input.ClientRequestToken && versionOf(db, existing.arn, input.ClientRequestToken);
      if (
        retried &&
        value &&
        retried.ciphertext &&
        sameValue(decryptVersion(ctx.kms, scope, retried, ctx.now), value)
      ) {
        return { ARN: existing.arn, Name: existing.name, VersionId: retried.version_id };
      }
      throw new AwsError(
        'ResourceExistsException',
        `The operation failed because the secret ${input.Name} already exists.`,
      );
    }
    const arn = newSecretArn(scope, input.Name);
    const at = ctx.now.getTime();
    db.prepare(
      `INSERT INTO sm_secrets (arn, region, account, name, description, kms_key_id, created_at, last_changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      arn,
      scope.region,
      scope.account,
      input.Name,
      input.Description ?? null,
      input.KmsKeyId || null,
      at,
      at,
    );
    if (input.Tags?.length) putTags(db, arn, input.Tags as { Key: string; Value: string }[]);
    const out: JsonObject = { ARN: arn, Name: input.Name };
    const env = writeEnvOf(ctx);
    if (value) {
      const versionId = input.ClientRequestToken ?? randomUUID();
      out.VersionId = writeVersion(env, secretByArn(db, arn)!, versionId, value, ['AWSCURRENT']).versionId;
    }
    for (const replica of replicas) {
      addReplica(
        env,
        secretByArn(db, arn)!,
        replica.region,
        replica.kmsKeyId,
        input.ForceOverwriteReplicaSecret ?? false,
      );
    }
    if (replicas.length > 0) out.ReplicationStatus = replicationStatus(db, secretByArn(db, arn)!);
    return out;
  },
});
