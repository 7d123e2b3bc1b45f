import { defineOperation } from '../../protocol/operation.js';
import { list, string, structure } from '../../protocol/shape.js';
import { replicaReadOnly } from '../errors.js';
import { syncReplicas } from '../replication.js';
import { requireSecret } from '../secretStore.js';
import { secretIdMember } from '../shapes.js';
import { writeEnvOf } from '../versionWriter.js';

export const untagResource = defineOperation({
  name: 'UntagResource',
  input: structure({
    SecretId: secretIdMember,
    TagKeys: list(string({ min: 1, max: 128 }), { required: true }),
  }),
  handle(input, ctx) {
    const db = ctx.store.db;
    const secret = requireSecret(ctx, input.SecretId, { allowDeleted: true });
    if (secret.primary_region !== null) throw replicaReadOnly();
    const remove = db.prepare('DELETE FROM sm_tags WHERE secret_arn = ? AND tag_key = ?');
    for (const key of input.TagKeys) remove.run(secret.arn, key);
    db.prepare('UPDATE sm_secrets SET tags_touched = 1 WHERE arn = ?').run(secret.arn);
    syncReplicas(writeEnvOf(ctx), secret.arn);
    return {};
  },
});
