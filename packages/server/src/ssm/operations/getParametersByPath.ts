import { defineOperation } from '../../protocol/operation.js';
import { boolean, integer, structure } from '../../protocol/shape.js';
import { checkFilters, invalidPathError, isValidPath, matchesFilter, matchesPath } from '../filters.js';
import { paginate } from '../paging.js';
import { type ParameterVersion, parametersOf } from '../parameterStore.js';
import { parameterOutput } from '../responses.js';
import { visibleValue } from '../secureValue.js';
import { nameMember, nextTokenMember, parameterFiltersMember } from '../shapes.js';

export const getParametersByPath = defineOperation({
  name: 'GetParametersByPath',
  readOnly: true,
  input: structure({
    Path: nameMember,
    Recursive: boolean(),
    ParameterFilters: parameterFiltersMember,
    WithDecryption: boolean(),
    MaxResults: integer({ min: 1, max: 10 }),
    NextToken: nextTokenMember,
  }),
  handle(input, ctx) {
    if (!isValidPath(input.Path)) throw invalidPathError();
    const filters = input.ParameterFilters ?? [];
    checkFilters(filters, 'GetParametersByPath');
    const store = parametersOf(ctx);
    const option = input.Recursive ? 'Recursive' : 'OneLevel';
    const labelFilter = filters.find((f) => f.Key === 'Label');
    const matched: ParameterVersion[] = [];
    for (const latest of store.allLatest()) {
      if (!matchesPath(option, latest.name, input.Path)) continue;
      // A Label filter selects the version that carries the label, not the latest one.
      let version: ParameterVersion | undefined = latest;
      if (labelFilter) {
        const at = (labelFilter.Values ?? [])
          .map((label) => store.labelVersion(latest.name, label))
          .find((v) => v !== undefined);
        version = at === undefined ? undefined : store.version(latest.name, at);
      }
      if (!version) continue;
      const subject = { version, tags: () => store.tags(latest.name) };
      if (filters.every((filter) => matchesFilter(filter, subject))) matched.push(version);
    }
    const page = paginate(matched, (v) => v.name, input.MaxResults ?? 10, input.NextToken);
    const withDecryption = input.WithDecryption ?? false;
    return {
      Parameters: page.items.map((v) => parameterOutput(ctx, v, visibleValue(ctx, v, withDecryption))),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});
