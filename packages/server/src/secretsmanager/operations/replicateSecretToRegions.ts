import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { invalidParameter, replicaReadOnly } from '../errors.js';
import { addReplica, replicationStatus } from '../replication.js';
import { requireSecret, secretByArn } from '../secretStore.js';
import { forceOverwriteMember, replicaRegionsMember, secretIdMember } from '../shapes.js';
import { writeEnvOf } from '../versionWriter.js';

export const replicateSecretToRegions = defineOperation({
  name: 'ReplicateSecretToRegions',
  input: structure({
    SecretId: secretIdMember,
    AddReplicaRegions: { ...replicaRegionsMember, required: true as const },
    ForceOverwriteReplicaSecret: forceOverwriteMember,
  }),
  handle(input, ctx) {
    const secret = requireSecret(ctx, input.SecretId);
    if (secret.primary_region !== null) throw replicaReadOnly();
    for (const replica of input.AddReplicaRegions) {
      if (replica.Region === secret.region) {
        throw invalidParameter('Invalid replica region: a secret cannot be replicated to its own region.');
      }
    }
    const env = writeEnvOf(ctx);
    for (const replica of input.AddReplicaRegions) {
      addReplica(env, secret, replica.Region!, replica.KmsKeyId, input.ForceOverwriteReplicaSecret ?? false);
    }
    return {
      ARN: secret.arn,
      ReplicationStatus: replicationStatus(ctx.store.db, secretByArn(ctx.store.db, secret.arn)!),
    };
  },
});
