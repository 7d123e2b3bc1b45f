import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { assertWritableAliasName, requireAlias, retargetAlias } from '../aliases.js';
import { keyFor, scopeOf } from '../keyAccess.js';
import { aliasNameMember, keyIdMember } from '../shapes.js';

export const updateAlias = defineOperation({
  name: 'UpdateAlias',
  input: structure({ AliasName: aliasNameMember, TargetKeyId: keyIdMember }),
  handle(input, ctx) {
    assertWritableAliasName(input.AliasName);
    const scope = scopeOf(ctx);
    requireAlias(ctx.store.db, scope, input.AliasName);
    // The key the alias leaves may be in any state; the key it moves to must not be pending deletion.
    const key = keyFor(ctx, input.TargetKeyId, { states: 'manage', changes: 'kms:UpdateAlias' });
    retargetAlias(ctx.store.db, scope, input.AliasName, key.id, ctx.now.getTime());
    return {};
  },
});
