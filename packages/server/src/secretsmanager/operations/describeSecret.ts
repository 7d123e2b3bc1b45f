import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { describeSecret as describe } from '../describe.js';
import { requireSecret } from '../secretStore.js';
import { secretIdMember } from '../shapes.js';

export const describeSecret = defineOperation({
  name: 'DescribeSecret',
  input: structure({ SecretId: secretIdMember }),
  handle(input, ctx) {
    const secret = requireSecret(ctx, input.SecretId, { allowDeleted: true });
    return describe(ctx.store.db, secret, 'VersionIdsToStages');
  },
});
