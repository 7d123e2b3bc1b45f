import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { boolean, integer, list, string, structure } from '../../protocol/shape.js';
import { checkFilters, matchesFilter, type StringFilter } from '../filters.js';
import { paginate } from '../paging.js';
import { parametersOf } from '../parameterStore.js';
import { metadataOutput } from '../responses.js';
import { nextTokenMember, parameterFiltersMember } from '../shapes.js';

/** The older `Filters` member: Name matches by prefix, Type and KeyId exactly. */
const LEGACY_OPTIONS: Record<string, string> = { Name: 'BeginsWith', Type: 'Equals', KeyId: 'Equals' };

export const describeParameters = defineOperation({
  name: 'DescribeParameters',
  input: structure({
    Filters: list(
      structure({
        Key: string({ required: true, enum: ['Name', 'Type', 'KeyId'] }),
        Values: list(string({ min: 1, max: 1024 }), { required: true, min: 1, max: 50 }),
      }),
    ),
    ParameterFilters: parameterFiltersMember,
    MaxResults: integer({ min: 1, max: 50 }),
    NextToken: nextTokenMember,
    Shared: boolean(),
  }),
  handle(input, ctx) {
    if (input.Filters && input.ParameterFilters) {
      throw new AwsError(
        'ValidationException',
        'You can use either Filters or ParameterFilters in a single request.',
      );
    }
    const filters: StringFilter[] =
      input.ParameterFilters ??
      (input.Filters ?? []).map((f) => ({ Key: f.Key, Option: LEGACY_OPTIONS[f.Key]!, Values: f.Values }));
    checkFilters(filters, 'DescribeParameters');
    const store = parametersOf(ctx);
    // Parameters shared from other accounts: hush serve has one account, so there are none.
    const candidates = input.Shared ? [] : store.allLatest();
    const matched = candidates.filter((version) =>
      filters.every((filter) => matchesFilter(filter, { version, tags: () => store.tags(version.name) })),
    );
    const page = paginate(matched, (v) => v.name, input.MaxResults ?? 10, input.NextToken);
    return {
      Parameters: page.items.map((v) => metadataOutput(ctx, v)),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});
