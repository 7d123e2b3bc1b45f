import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  type GetRandomPasswordCommandInput,
  GetResourcePolicyCommand,
  ListSecretsCommand,
  type ListSecretsCommandInput,
  PutResourcePolicyCommand,
  type SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  ValidateResourcePolicyCommand,
} from '@aws-sdk/client-secrets-manager';
import { useHushServe } from '../support/useHushServe.js';
import { failsWithoutChange } from './fixtures.js';

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
});

describe('Secrets Manager: listing, batches, tags, policies, passwords', () => {
  const server = useHushServe();
  let sm: SecretsManagerClient;
  before(async () => {
    sm = server.secretsManager();
    for (const [name, description, tags] of [
      ['prod/db', 'Production database', [{ Key: 'team', Value: 'core' }]],
      ['prod/api', 'payment API key', [{ Key: 'team', Value: 'payments' }]],
      ['dev/db', 'development database', []],
    ] as const) {
      await sm.send(
        new CreateSecretCommand({
          Name: name,
          Description: description,
          SecretString: `${name}-value`,
          Tags: [...tags],
        }),
      );
    }
  });

  const names = async (input: ListSecretsCommandInput) =>
    ((await sm.send(new ListSecretsCommand(input))).SecretList ?? []).map((s) => s.Name);

  it('lists with every filter key, negation, sort order and paging', async () => {
    assert.deepEqual(await names({}), ['prod/db', 'prod/api', 'dev/db']);
    assert.deepEqual(await names({ SortOrder: 'desc' }), ['dev/db', 'prod/api', 'prod/db']);
    assert.deepEqual(await names({ Filters: [{ Key: 'name', Values: ['prod/'] }] }), ['prod/db', 'prod/api']);
    assert.deepEqual(await names({ Filters: [{ Key: 'name', Values: ['Prod/'] }] }), []);
    assert.deepEqual(await names({ Filters: [{ Key: 'name', Values: ['!prod/'] }] }), ['dev/db']);
    assert.deepEqual(await names({ Filters: [{ Key: 'description', Values: ['PRODUCTION'] }] }), ['prod/db']);
    assert.deepEqual(await names({ Filters: [{ Key: 'tag-key', Values: ['team'] }] }), [
      'prod/db',
      'prod/api',
    ]);
    assert.deepEqual(await names({ Filters: [{ Key: 'tag-value', Values: ['pay'] }] }), ['prod/api']);
    assert.deepEqual(
      await names({
        Filters: [
          { Key: 'name', Values: ['prod/'] },
          { Key: 'tag-value', Values: ['core'] },
        ],
      }),
      ['prod/db'],
    );
    assert.deepEqual(await names({ Filters: [{ Key: 'all', Values: ['database'] }] }), ['prod/db', 'dev/db']);
    assert.deepEqual(await names({ Filters: [{ Key: 'primary-region', Values: ['us'] }] }), []);
    assert.deepEqual(await names({ Filters: [{ Key: 'owning-service', Values: ['rds'] }] }), []);
    const first = await sm.send(new ListSecretsCommand({ MaxResults: 2 }));
    assert.equal(first.SecretList?.length, 2);
    assert.ok(first.NextToken);
    assert.ok(first.SecretList?.[0]?.SecretVersionsToStages);
    const second = await sm.send(new ListSecretsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    assert.deepEqual(
      second.SecretList?.map((s) => s.Name),
      ['dev/db'],
    );
    assert.equal(second.NextToken, undefined);
    const bad = await failsWithoutChange(server, 'InvalidNextTokenException', () =>
      sm.send(new ListSecretsCommand({ NextToken: 'garbage' })),
    );
    assert.ok(bad.message);
    const invalidKey = await failsWithoutChange(server, 'ValidationException', () =>
      sm.send(new ListSecretsCommand({ Filters: [{ Key: 'colour' as 'name', Values: ['x'] }] })),
    );
    assert.match(invalidKey.message, /filters\.1\.member\.key/);
  });

  it('hides secrets scheduled for deletion unless IncludePlannedDeletion', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'old/one', SecretString: 'old-value' }));
    await sm.send(new DeleteSecretCommand({ SecretId: 'old/one' }));
    assert.equal((await names({})).includes('old/one'), false);
    const all = await sm.send(
      new ListSecretsCommand({ IncludePlannedDeletion: true, Filters: [{ Key: 'name', Values: ['old/'] }] }),
    );
    assert.equal(all.SecretList?.[0]?.Name, 'old/one');
    assert.ok(all.SecretList?.[0]?.DeletedDate instanceof Date);
  });

  it('gets values in batches by id with per-secret Errors, and by filter with paging', async () => {
    const byIds = await sm.send(
      new BatchGetSecretValueCommand({ SecretIdList: ['prod/db', 'nope', 'old/one'] }),
    );
    assert.deepEqual(
      byIds.SecretValues?.map((v) => [v.Name, v.SecretString]),
      [['prod/db', 'prod/db-value']],
    );
    assert.deepEqual(
      byIds.Errors?.map((e) => [e.SecretId, e.ErrorCode]),
      [
        ['nope', 'ResourceNotFoundException'],
        ['old/one', 'InvalidRequestException'],
      ],
    );
    const page1 = await sm.send(
      new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['prod/'] }], MaxResults: 1 }),
    );
    assert.deepEqual(
      page1.SecretValues?.map((v) => v.Name),
      ['prod/db'],
    );
    const page2 = await sm.send(
      new BatchGetSecretValueCommand({
        Filters: [{ Key: 'name', Values: ['prod/'] }],
        MaxResults: 1,
        NextToken: page1.NextToken,
      }),
    );
    assert.deepEqual(
      page2.SecretValues?.map((v) => v.SecretString),
      ['prod/api-value'],
    );
    await failsWithoutChange(server, 'InvalidParameterException', () =>
      sm.send(
        new BatchGetSecretValueCommand({
          SecretIdList: ['prod/db'],
          Filters: [{ Key: 'name', Values: ['p'] }],
        }),
      ),
    );
    const tooMany = await failsWithoutChange(server, 'ValidationException', () =>
      sm.send(
        new BatchGetSecretValueCommand({ SecretIdList: Array.from({ length: 21 }, (_, i) => `s${i}`) }),
      ),
    );
    assert.match(tooMany.message, /secretIdList.*less than or equal to 20/);
  });

  it('tags and untags: Tags omitted until tagged, [] once all are removed', async () => {
    assert.equal((await sm.send(new DescribeSecretCommand({ SecretId: 'dev/db' }))).Tags, undefined);
    await sm.send(new TagResourceCommand({ SecretId: 'dev/db', Tags: [{ Key: 'tag1', Value: 'value1' }] }));
    await sm.send(new TagResourceCommand({ SecretId: 'dev/db', Tags: [{ Key: 'tag2', Value: 'value2' }] }));
    assert.deepEqual((await sm.send(new DescribeSecretCommand({ SecretId: 'dev/db' }))).Tags, [
      { Key: 'tag1', Value: 'value1' },
      { Key: 'tag2', Value: 'value2' },
    ]);
    await sm.send(new UntagResourceCommand({ SecretId: 'dev/db', TagKeys: ['tag1', 'tag2'] }));
    assert.deepEqual((await sm.send(new DescribeSecretCommand({ SecretId: 'dev/db' }))).Tags, []);
    await failsWithoutChange(server, 'ResourceNotFoundException', () =>
      sm.send(new TagResourceCommand({ SecretId: 'nope', Tags: [{ Key: 'a', Value: 'b' }] })),
    );
    await failsWithoutChange(server, 'InvalidParameterException', () =>
      sm.send(new TagResourceCommand({ SecretId: 'dev/db', Tags: [{ Key: 'aws:reserved', Value: 'b' }] })),
    );
  });

  it('stores, returns and deletes resource policies, refusing malformed ones', async () => {
    const put = await sm.send(new PutResourcePolicyCommand({ SecretId: 'prod/db', ResourcePolicy: POLICY }));
    assert.equal(put.Name, 'prod/db');
    const got = await sm.send(new GetResourcePolicyCommand({ SecretId: 'prod/db' }));
    assert.deepEqual(JSON.parse(got.ResourcePolicy!), JSON.parse(POLICY));
    await failsWithoutChange(server, 'MalformedPolicyDocumentException', () =>
      sm.send(new PutResourcePolicyCommand({ SecretId: 'prod/db', ResourcePolicy: '{"Statement": [' })),
    );
    await failsWithoutChange(server, 'MalformedPolicyDocumentException', () =>
      sm.send(
        new PutResourcePolicyCommand({
          SecretId: 'prod/db',
          ResourcePolicy: '{"Statement":[{"Effect":"Maybe","Action":"*","Principal":"*"}]}',
        }),
      ),
    );
    await failsWithoutChange(server, 'PublicPolicyException', () =>
      sm.send(
        new PutResourcePolicyCommand({
          SecretId: 'prod/api',
          ResourcePolicy: POLICY,
          BlockPublicPolicy: true,
        }),
      ),
    );
    const valid = await sm.send(new ValidateResourcePolicyCommand({ ResourcePolicy: POLICY }));
    assert.equal(valid.PolicyValidationPassed, true);
    const invalid = await sm.send(new ValidateResourcePolicyCommand({ ResourcePolicy: '[]' }));
    assert.equal(invalid.PolicyValidationPassed, false);
    assert.equal(invalid.ValidationErrors?.length, 1);
    await sm.send(new DeleteResourcePolicyCommand({ SecretId: 'prod/db' }));
    assert.equal(
      (await sm.send(new GetResourcePolicyCommand({ SecretId: 'prod/db' }))).ResourcePolicy,
      undefined,
    );
  });

  it('generates random passwords with every option', async () => {
    const password = async (input: GetRandomPasswordCommandInput) =>
      (await sm.send(new GetRandomPasswordCommand(input))).RandomPassword!;
    const plain = await password({});
    assert.equal(plain.length, 32);
    assert.match(plain, /[a-z]/);
    assert.match(plain, /[A-Z]/);
    assert.match(plain, /[0-9]/);
    assert.match(plain, /[^A-Za-z0-9]/);
    assert.match(await password({ PasswordLength: 64, ExcludePunctuation: true }), /^[A-Za-z0-9]{64}$/);
    assert.match(
      await password({ ExcludeNumbers: true, ExcludeLowercase: true, ExcludePunctuation: true }),
      /^[A-Z]{32}$/,
    );
    assert.match(
      await password({ ExcludeUppercase: true, ExcludeCharacters: 'abc', ExcludePunctuation: true }),
      /^[d-z0-9]{32}$/,
    );
    assert.match(await password({ IncludeSpace: true, PasswordLength: 200 }), / /);
    assert.equal((await password({ PasswordLength: 1, RequireEachIncludedType: false })).length, 1);
    const short = await failsWithoutChange(server, 'InvalidParameterException', () =>
      sm.send(new GetRandomPasswordCommand({ PasswordLength: 3 })),
    );
    assert.equal(short.message, 'Password length is too short based on the required types.');
    const long = await failsWithoutChange(server, 'ValidationException', () =>
      sm.send(new GetRandomPasswordCommand({ PasswordLength: 4097 })),
    );
    assert.match(long.message, /passwordLength.*less than or equal to 4096/);
  });
});
