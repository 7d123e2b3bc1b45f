import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { replicaReadOnly } from '../errors.js';
import { syncReplicas } from '../replication.js';
import { requireSecret } from '../secretStore.js';
import { secretIdMember } from '../shapes.js';
import { writeEnvOf } from '../versionWriter.js';

export const deleteResourcePolicy = defineOperation({
  name: 'DeleteResourcePolicy',
  input: structure({ SecretId: secretIdMember }),
  handle(input, ctx) {
    const secret = requireSecret(ctx, input.SecretId);
    if (secret.primary_region !== null) throw replicaReadOnly();
    ctx.store.db.prepare('UPDATE sm_secrets SET resource_policy = NULL WHERE arn = ?').run(secret.arn);
    syncReplicas(writeEnvOf(ctx), secret.arn);
    return { ARN: secret.arn, Name: secret.name };
  },
});
