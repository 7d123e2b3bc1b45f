import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { rotations } from '../keyAdmin.js';
import { pageByMarker } from '../paging.js';
import { keyIdMember, limitMember, markerMember } from '../shapes.js';

export const listKeyRotations = defineOperation({
  name: 'ListKeyRotations',
  input: structure({ KeyId: keyIdMember, Limit: limitMember(1000), Marker: markerMember }),
  handle(input, ctx) {
    const key = keyFor(ctx, input.KeyId, { states: 'any' });
    const page = pageByMarker(
      rotations(ctx.store.db, key),
      (r) => r.version,
      input.Limit ?? 100,
      input.Marker,
    );
    return {
      Rotations: page.items.map((r) => ({
        KeyId: key.id,
        RotationDate: r.createdAt / 1000,
        RotationType: r.rotationType,
      })),
      ...page.members,
    };
  },
});
