import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { scopeOf } from '../keyAccess.js';
import { keyIds } from '../keyAdmin.js';
import { pageByMarker } from '../paging.js';
import { limitMember, markerMember } from '../shapes.js';

export const listKeys = defineOperation({
  name: 'ListKeys',
  input: structure({ Limit: limitMember(1000), Marker: markerMember }),
  handle(input, ctx) {
    const scope = scopeOf(ctx);
    // A key past its deletion date is gone, whether or not anything has looked it up since.
    ctx.kms.deleteDueKeys(scope, ctx.now);
    const page = pageByMarker(keyIds(ctx.store.db, scope), (k) => k.id, input.Limit ?? 100, input.Marker);
    return { Keys: page.items.map((k) => ({ KeyId: k.id, KeyArn: k.arn })), ...page.members };
  },
});
