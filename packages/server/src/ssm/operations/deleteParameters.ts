import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { parametersOf } from '../parameterStore.js';
import { nameListMember } from '../shapes.js';

export const deleteParameters = defineOperation({
  name: 'DeleteParameters',
  input: structure({ Names: nameListMember }),
  handle(input, ctx) {
    const store = parametersOf(ctx);
    const deleted: string[] = [];
    const invalid: string[] = [];
    for (const name of new Set(input.Names)) (store.delete(name) ? deleted : invalid).push(name);
    return { DeletedParameters: deleted, InvalidParameters: invalid };
  },
});
