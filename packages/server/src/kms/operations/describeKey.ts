import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { keyMetadata } from '../describeKeyMetadata.js';
import { keyFor } from '../keyAccess.js';
import { grantTokensMember, keyIdMember } from '../shapes.js';

export const describeKey = defineOperation({
  name: 'DescribeKey',
  input: structure({ KeyId: keyIdMember, GrantTokens: grantTokensMember }),
  handle(input, ctx) {
    return { KeyMetadata: keyMetadata(keyFor(ctx, input.KeyId, { states: 'any' })) };
  },
});
