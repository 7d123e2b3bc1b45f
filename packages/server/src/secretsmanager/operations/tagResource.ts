import { defineOperation } from '../../protocol/operation.js';
import { list, structure } from '../../protocol/shape.js';
import { replicaReadOnly } from '../errors.js';
import { syncReplicas } from '../replication.js';
import { putTags, requireSecret, tagsOf } from '../secretStore.js';
import { secretIdMember, tagMember } from '../shapes.js';
import { assertTags } from '../tags.js';
import { writeEnvOf } from '../versionWriter.js';

export const tagResource = defineOperation({
  name: 'TagResource',
  input: structure({ SecretId: secretIdMember, Tags: list(tagMember, { required: true }) }),
  handle(input, ctx) {
    const secret = requireSecret(ctx, input.SecretId, { allowDeleted: true });
    if (secret.primary_region !== null) throw replicaReadOnly();
    const existing = tagsOf(ctx.store.db, secret.arn).filter((t) => !input.Tags.some((n) => n.Key === t.Key));
    assertTags(input.Tags, existing.length);
    putTags(ctx.store.db, secret.arn, input.Tags as { Key: string; Value: string }[]);
    syncReplicas(writeEnvOf(ctx), secret.arn);
    return {};
  },
});
