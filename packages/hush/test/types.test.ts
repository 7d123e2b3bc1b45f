import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Secret, SecretValues } from '../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const check = <T extends true>(value: T) => value;

const numberSchema: StandardSchemaV1<unknown, number> = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: (value) => (typeof value === 'number' ? { value } : { issues: [{ message: 'not a number' }] }),
  },
};

type Values = SecretValues<{
  plain: 'ssm:/p';
  list: 'ssm:/p?list';
  bin: 'secretsmanager:s?binary';
  field: 'secretsmanager:s#f';
  json: 'ssm:/p?json';
  env: 'DB_PASSWORD';
  schema: { ref: 'ssm:/n?json'; schema: typeof numberSchema };
}>;

it('values are typed from their references', () => {
  assert.equal(check<Equal<Values['plain'], Secret<string>>>(true), true);
  assert.equal(check<Equal<Values['list'], Secret<string[]>>>(true), true);
  assert.equal(check<Equal<Values['bin'], Secret<Buffer>>>(true), true);
  assert.equal(check<Equal<Values['field'], Secret<unknown>>>(true), true);
  assert.equal(check<Equal<Values['json'], Secret<unknown>>>(true), true);
  assert.equal(check<Equal<Values['env'], Secret<string>>>(true), true);
  assert.equal(check<Equal<Values['schema'], Secret<number>>>(true), true);
});
