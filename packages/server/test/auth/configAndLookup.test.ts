import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { AuthConfigError, parseAuthConfig } from '../../src/auth/config.js';
import { StoreResourceLookup } from '../../src/auth/resources.js';
import { KmsEngine } from '../../src/kms/engine.js';
import { kmsService } from '../../src/kms/service.js';
import { Store } from '../../src/store/store.js';

const user = (extra: object = {}) => ({
  name: 'alice',
  accessKeys: [{ accessKeyId: 'AKIAALICE', secretAccessKey: 's' }],
  policies: [{ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
  ...extra,
});

describe('strict-mode config', () => {
  it('names users and assumed-role sessions as AWS does', () => {
    const config = parseAuthConfig(
      {
        accountId: '123456789012',
        users: [user()],
        roles: [
          {
            name: 'fn-role',
            sessionName: 'fn',
            accessKeys: [
              {
                accessKeyId: 'ASIAFN',
                secretAccessKey: 's',
                sessionToken: 't',
                expiration: '2030-01-01T00:00:00Z',
              },
            ],
          },
        ],
      },
      '000000000000',
    );
    assert.equal(config.accessKeys.get('AKIAALICE')?.identity.arn, 'arn:aws:iam::123456789012:user/alice');
    const role = config.accessKeys.get('ASIAFN')!;
    assert.equal(role.identity.arn, 'arn:aws:sts::123456789012:assumed-role/fn-role/fn');
    assert.equal(role.identity.principalArn, 'arn:aws:iam::123456789012:role/fn-role');
    assert.equal(role.expiresAt, Date.parse('2030-01-01T00:00:00Z'));
    assert.equal(role.sessionToken, 't');
  });

  const bad: [string, unknown, RegExp][] = [
    ['not an object', 'users: alice', /must be an object/],
    ['no access keys', { users: [{ name: 'a' }] }, /defines no access keys/],
    ['a bad account id', { accountId: '12', users: [user()] }, /accountId must match/],
    ['a duplicate access key', { users: [user(), user({ name: 'bob' })] }, /used twice/],
    [
      'a bad policy',
      { users: [user({ policies: [{ Statement: [{ Effect: 'Permit', Action: '*' }] }] })] },
      /Effect must be/,
    ],
    [
      'a bad expiration',
      {
        roles: [
          { name: 'r', accessKeys: [{ accessKeyId: 'ASIAR', secretAccessKey: 's', expiration: 'soon' }] },
        ],
      },
      /ISO 8601/,
    ],
    ['a bad name', { users: [user({ name: 'a b' })] }, /name must match/],
  ];
  for (const [name, raw, message] of bad) {
    it(`refuses ${name}`, () =>
      assert.throws(
        () => parseAuthConfig(raw, '000000000000'),
        (e: Error) => e instanceof AuthConfigError && message.test(e.message),
      ));
  }
});

describe('resource lookup', () => {
  const scope = { region: 'us-east-1', account: '000000000000' };
  const setup = () => {
    const store = new Store({ dataDir: '', inMemory: true });
    store.migrate(kmsService.migrations);
    return { store, lookup: new StoreResourceLookup(store, new KmsEngine(store, randomBytes(32))) };
  };

  it('gives AWS-managed keys the policy AWS gives them, and customer keys their own', () => {
    const { store, lookup } = setup();
    const managed = lookup.kmsKey(scope, 'alias/aws/ssm', new Date())!;
    const policy = JSON.parse(managed.policy) as {
      Statement: { Condition?: { StringEquals: Record<string, string> } }[];
    };
    assert.equal(
      policy.Statement[0]?.Condition?.StringEquals['kms:ViaService'],
      'ssm.us-east-1.amazonaws.com',
    );
    assert.equal(lookup.kmsKey(scope, 'alias/nope', new Date()), undefined);
    store.close();
  });

  it('finds a secret by name, full ARN or partial ARN, with its resource policy', () => {
    const { store, lookup } = setup();
    store.db.exec(
      `CREATE TABLE sm_secrets (name TEXT, arn TEXT, region TEXT, account TEXT, resource_policy TEXT)`,
    );
    const arn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/stripe-AbCdEf';
    store.db
      .prepare('INSERT INTO sm_secrets VALUES (?, ?, ?, ?, ?)')
      .run('prod/stripe', arn, 'us-east-1', '000000000000', '{"Statement":[]}');
    for (const id of ['prod/stripe', arn, arn.slice(0, -7)]) {
      assert.deepEqual(lookup.secret(scope, id), { arn, resourcePolicy: '{"Statement":[]}' }, id);
    }
    assert.equal(lookup.secret({ ...scope, region: 'eu-west-1' }, 'prod/stripe'), undefined);
    store.close();
  });
});
