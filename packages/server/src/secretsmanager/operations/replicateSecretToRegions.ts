import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { invalidParameter, replicaReadOnly } from '../errors.js';
import { addReplica, replicaRequests, replicationStatus } from '../replication.js';
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
    const replicas = replicaRequests(input.AddReplicaRegions);
    for (const replica of replicas) {
      if (replica.region === secret.region) {
        throw invalidParameter('Invalid replica region: a secret cannot be replicated to its own region.');
      }
    }
    const env = writeEnvOf(ctx);
    for (const replica of replicas) {
      addReplica(env, secret, replica.region, replica.kmsKeyId, input.ForceOverwriteReplicaSecret ?? false);
    }
    return {
      ARN: secret.arn,
      ReplicationStatus: replicationStatus(ctx.store.db, secretByArn(ctx.store.db, secret.arn)!),
    };
  },
});
