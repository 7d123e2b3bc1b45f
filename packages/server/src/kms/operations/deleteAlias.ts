import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { assertWritableAliasName, deleteAlias as removeAlias, requireAlias } from '../aliases.js';
import { scopeOf } from '../keyAccess.js';
import { aliasNameMember } from '../shapes.js';

export const deleteAlias = defineOperation({
  name: 'DeleteAlias',
  input: structure({ AliasName: aliasNameMember }),
  handle(input, ctx) {
    assertWritableAliasName(input.AliasName);
    const scope = scopeOf(ctx);
    requireAlias(ctx.store.db, scope, input.AliasName);
    removeAlias(ctx.store.db, scope, input.AliasName);
    return {};
  },
});
