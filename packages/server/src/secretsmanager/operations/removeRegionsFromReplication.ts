import { defineOperation } from '../../protocol/operation.js';
import { list, structure } from '../../protocol/shape.js';
import { invalidParameter, replicaReadOnly } from '../errors.js';
import { removeReplica, replicaRows, replicationStatus } from '../replication.js';
import { requireSecret } from '../secretStore.js';
import { regionMember, secretIdMember } from '../shapes.js';

export const removeRegionsFromReplication = defineOperation({
  name: 'RemoveRegionsFromReplication',
  input: structure({
    SecretId: secretIdMember,
    RemoveReplicaRegions: list(regionMember, { required: true, min: 1 }),
  }),
  handle(input, ctx) {
    const db = ctx.store.db;
    const secret = requireSecret(ctx, input.SecretId);
    if (secret.primary_region !== null) throw replicaReadOnly();
    const regions = new Set(replicaRows(db, secret.arn).map((r) => r.region));
    for (const region of input.RemoveReplicaRegions) {
      if (!regions.has(region)) {
        throw invalidParameter(`The secret isn't replicated to the region ${region}.`);
      }
    }
    for (const region of input.RemoveReplicaRegions) removeReplica(db, secret, region);
    return { ARN: secret.arn, ReplicationStatus: replicationStatus(db, secret) };
  },
});
