import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { invalidRequest } from '../errors.js';
import { arnInRegion } from '../names.js';
import { requireSecret } from '../secretStore.js';
import { secretIdMember } from '../shapes.js';

/** Called in the replica's region: the replica becomes a standalone secret there. */
export const stopReplicationToReplica = defineOperation({
  name: 'StopReplicationToReplica',
  input: structure({ SecretId: secretIdMember }),
  handle(input, ctx) {
    const db = ctx.store.db;
    const secret = requireSecret(ctx, input.SecretId);
    if (secret.primary_region === null) {
      throw invalidRequest('StopReplicationToReplica can only be called on a replica secret, in its region.');
    }
    db.prepare('DELETE FROM sm_replicas WHERE primary_arn = ? AND region = ?').run(
      arnInRegion(secret.arn, secret.primary_region),
      secret.region,
    );
    db.prepare('UPDATE sm_secrets SET primary_region = NULL WHERE arn = ?').run(secret.arn);
    return { ARN: secret.arn };
  },
});
