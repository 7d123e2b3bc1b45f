import { defineOperation, type JsonObject } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { replicaReadOnly } from '../errors.js';
import { requireSecret, versionWithStage } from '../secretStore.js';
import { secretIdMember } from '../shapes.js';

/**
 * Turns rotation off. Like AWS, it leaves labels as they are: a version a rotation left
 * AWSPENDING keeps the label, and its id is returned.
 */
export const cancelRotateSecret = defineOperation({
  name: 'CancelRotateSecret',
  input: structure({ SecretId: secretIdMember }),
  handle(input, ctx) {
    const db = ctx.store.db;
    const secret = requireSecret(ctx, input.SecretId);
    if (secret.primary_region !== null) throw replicaReadOnly();
    db.prepare(
      'UPDATE sm_secrets SET rotation_enabled = 0, next_rotation_at = NULL, last_changed_at = ? WHERE arn = ?',
    ).run(ctx.now.getTime(), secret.arn);
    const out: JsonObject = { ARN: secret.arn, Name: secret.name };
    const pending = versionWithStage(db, secret.arn, 'AWSPENDING');
    if (pending && pending.version_id !== versionWithStage(db, secret.arn, 'AWSCURRENT')?.version_id) {
      out.VersionId = pending.version_id;
    }
    return out;
  },
});
