import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { parameterNotFound } from '../lookup.js';
import { parametersOf } from '../parameterStore.js';
import { nameMember } from '../shapes.js';

export const deleteParameter = defineOperation({
  name: 'DeleteParameter',
  input: structure({ Name: nameMember }),
  handle(input, ctx) {
    if (!parametersOf(ctx).delete(input.Name)) throw parameterNotFound();
    return {};
  },
});
