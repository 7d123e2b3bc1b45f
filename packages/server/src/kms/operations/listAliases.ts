import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { listAliases as aliasesOf } from '../aliases.js';
import { aliasArn } from '../engine.js';
import { keyFor, scopeOf } from '../keyAccess.js';
import { pageByMarker } from '../paging.js';
import { limitMember, markerMember, optionalKeyIdMember } from '../shapes.js';

export const listAliases = defineOperation({
  name: 'ListAliases',
  input: structure({ KeyId: optionalKeyIdMember, Limit: limitMember(100), Marker: markerMember }),
  handle(input, ctx) {
    const scope = scopeOf(ctx);
    // The aliases of a key past its deletion date went with it.
    ctx.kms.deleteDueKeys(scope, ctx.now);
    const keyId = input.KeyId === undefined ? undefined : keyFor(ctx, input.KeyId, { states: 'any' }).id;
    const page = pageByMarker(
      aliasesOf(ctx.store.db, scope, keyId),
      (a) => a.name,
      input.Limit ?? 50,
      input.Marker,
    );
    return {
      Aliases: page.items.map((alias) => ({
        AliasName: alias.name,
        AliasArn: aliasArn(scope, alias.name),
        TargetKeyId: alias.keyId,
        CreationDate: alias.createdAt / 1000,
        LastUpdatedDate: alias.updatedAt / 1000,
      })),
      ...page.members,
    };
  },
});
