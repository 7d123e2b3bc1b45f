import { defineOperation } from '../../protocol/operation.js';
import { boolean, integer, string, structure } from '../../protocol/shape.js';
import { describeSecret } from '../describe.js';
import { matchesFilters, secretsInRegion } from '../filters.js';
import { page } from '../page.js';
import { purgeExpired } from '../secretStore.js';
import { filtersMember, maxResultsMember, nextTokenMember } from '../shapes.js';

export const listSecrets = defineOperation({
  name: 'ListSecrets',
  input: structure({
    IncludePlannedDeletion: boolean(),
    MaxResults: integer(maxResultsMember),
    NextToken: nextTokenMember,
    Filters: filtersMember,
    SortOrder: string({ enum: ['asc', 'desc'] }),
  }),
  handle(input, ctx) {
    const db = ctx.store.db;
    purgeExpired(db, ctx.now.getTime());
    const secrets = secretsInRegion(
      db,
      ctx.region,
      ctx.accountId,
      input.IncludePlannedDeletion ?? false,
    ).filter((s) => matchesFilters(db, s, input.Filters));
    if (input.SortOrder === 'desc') secrets.reverse();
    const found = page(
      secrets.map((secret, index) => ({ secret, index })),
      (x) => x.index,
      input.MaxResults ?? 100,
      input.NextToken,
    );
    return {
      SecretList: found.items.map((x) => describeSecret(db, x.secret, 'SecretVersionsToStages')),
      ...(found.nextToken ? { NextToken: found.nextToken } : {}),
    };
  },
});
