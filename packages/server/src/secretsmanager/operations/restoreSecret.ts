import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { requireSecret } from '../secretStore.js';
import { secretIdMember } from '../shapes.js';

export const restoreSecret = defineOperation({
  name: 'RestoreSecret',
  input: structure({ SecretId: secretIdMember }),
  handle(input, ctx) {
    const secret = requireSecret(ctx, input.SecretId, { allowDeleted: true });
    ctx.store.db
      .prepare('UPDATE sm_secrets SET deleted_at = NULL, deletion_date = NULL WHERE arn = ?')
      .run(secret.arn);
    return { ARN: secret.arn, Name: secret.name };
  },
});
