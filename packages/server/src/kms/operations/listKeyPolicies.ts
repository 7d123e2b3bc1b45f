import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { keyFor } from '../keyAccess.js';
import { DEFAULT_POLICY_NAME } from '../keyPolicy.js';
import { keyIdMember, limitMember, markerMember } from '../shapes.js';

export const listKeyPolicies = defineOperation({
  name: 'ListKeyPolicies',
  input: structure({ KeyId: keyIdMember, Limit: limitMember(1000), Marker: markerMember }),
  handle(input, ctx) {
    keyFor(ctx, input.KeyId, { states: 'any' });
    return { PolicyNames: [DEFAULT_POLICY_NAME], Truncated: false };
  },
});
