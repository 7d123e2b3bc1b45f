import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { assertWritableAliasName, insertAlias } from '../aliases.js';
import { keyFor, scopeOf } from '../keyAccess.js';
import { aliasNameMember, keyIdMember } from '../shapes.js';

export const createAlias = defineOperation({
  name: 'CreateAlias',
  input: structure({ AliasName: aliasNameMember, TargetKeyId: keyIdMember }),
  handle(input, ctx) {
    assertWritableAliasName(input.AliasName);
    const key = keyFor(ctx, input.TargetKeyId, { states: 'manage', changes: 'kms:CreateAlias' });
    insertAlias(ctx.store.db, scopeOf(ctx), input.AliasName, key.id, ctx.now.getTime());
    return {};
  },
});
