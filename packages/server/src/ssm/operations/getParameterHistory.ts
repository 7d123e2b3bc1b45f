import { defineOperation } from '../../protocol/operation.js';
import { boolean, integer, structure } from '../../protocol/shape.js';
import { namedParameterNotFound, plainName } from '../lookup.js';
import { paginate } from '../paging.js';
import { parametersOf } from '../parameterStore.js';
import { historyOutput } from '../responses.js';
import { nameMember, nextTokenMember } from '../shapes.js';

export const getParameterHistory = defineOperation({
  name: 'GetParameterHistory',
  input: structure({
    Name: nameMember,
    WithDecryption: boolean(),
    MaxResults: integer({ min: 1, max: 50 }),
    NextToken: nextTokenMember,
  }),
  handle(input, ctx) {
    const store = parametersOf(ctx);
    const name = plainName(ctx, store, input.Name);
    if (name === undefined) throw namedParameterNotFound(input.Name);
    const labels = store.labelsByVersion(name);
    const page = paginate(store.history(name), (v) => v.version, input.MaxResults ?? 50, input.NextToken);
    const withDecryption = input.WithDecryption ?? false;
    return {
      Parameters: page.items.map((v) => historyOutput(ctx, v, labels.get(v.version) ?? [], withDecryption)),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});
