/**
 * BatchGetSecretValue: up to 20 secrets by id or by filter, each read as GetSecretValue reads it.
 * A secret that cannot be read (not found, deleted, refused by IAM or KMS) is reported in `Errors`
 * with its own code and message while the others come back in `SecretValues`.
 */
import { AwsError } from '../../protocol/awsError.js';
import { defineOperation, type JsonObject } from '../../protocol/operation.js';
import { integer, list, string, structure } from '../../protocol/shape.js';
import { invalidParameter } from '../errors.js';
import { matchesFilters, secretsInRegion } from '../filters.js';
import { page } from '../page.js';
import { readValue, secretValueOutput } from '../readValue.js';
import { purgeExpired } from '../secretStore.js';
import { filtersMember, nextTokenMember } from '../shapes.js';

export const batchGetSecretValue = defineOperation({
  name: 'BatchGetSecretValue',
  readOnly: true,
  input: structure({
    SecretIdList: list(string({ min: 1, max: 2048 }), { min: 1, max: 20 }),
    Filters: filtersMember,
    MaxResults: integer({ min: 1, max: 20 }),
    NextToken: nextTokenMember,
  }),
  handle(input, ctx) {
    const byIds = input.SecretIdList !== undefined;
    if (byIds === (input.Filters !== undefined)) {
      throw invalidParameter('Either SecretIdList or Filters must be provided, but not both.');
    }
    if (byIds && input.MaxResults !== undefined) {
      throw invalidParameter('MaxResults can only be used with Filters.');
    }
    let ids: string[];
    let nextToken: string | undefined;
    if (byIds) {
      ids = [...new Set(input.SecretIdList)];
    } else {
      purgeExpired(ctx.store.db, ctx.now.getTime());
      const matching = secretsInRegion(ctx.store.db, ctx.region, ctx.accountId, false).filter((s) =>
        matchesFilters(ctx.store.db, s, input.Filters),
      );
      const found = page(
        matching.map((s, i) => ({ s, i })),
        (x) => x.i,
        input.MaxResults ?? 20,
        input.NextToken,
      );
      ids = found.items.map((x) => x.s.arn);
      nextToken = found.nextToken;
    }
    const values: JsonObject[] = [];
    const errors: JsonObject[] = [];
    for (const id of ids) {
      try {
        // Each secret is read as GetSecretValue would read it, with that call's permission (and
        // kms:Decrypt on its key); a refusal, like any other error, is this secret's entry in Errors.
        const read = ctx.authorizeItem({ id, operation: 'GetSecretValue', input: { SecretId: id } }, () =>
          readValue(ctx, id, undefined, undefined),
        );
        values.push(secretValueOutput(read));
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        errors.push({ SecretId: id, ErrorCode: error.code, Message: error.message });
      }
    }
    return { SecretValues: values, Errors: errors, ...(nextToken ? { NextToken: nextToken } : {}) };
  },
});
