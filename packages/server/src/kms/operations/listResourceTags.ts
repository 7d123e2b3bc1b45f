import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { pageByMarker } from '../paging.js';
import { keyIdMember, limitMember, markerMember } from '../shapes.js';
import { listTags } from '../tags.js';

export const listResourceTags = defineOperation({
  name: 'ListResourceTags',
  input: structure({ KeyId: keyIdMember, Limit: limitMember(50), Marker: markerMember }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'any' });
    const page = pageByMarker(listTags(ctx.store.db, key), (t) => t.TagKey, input.Limit ?? 50, input.Marker);
    return { Tags: page.items, ...page.members };
  },
});
