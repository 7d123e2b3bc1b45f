import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  type DescribeParametersCommandInput,
  GetParameterCommand,
  GetParametersByPathCommand,
  type GetParametersByPathCommandInput,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { awsError } from '../support/hushServe.js';
import { useHushServe } from '../support/useHushServe.js';

describe('SSM GetParametersByPath, DescribeParameters, tags, deletes', () => {
  const server = useHushServe({ inMemory: true });
  let ssm: SSMClient;
  const byPath = async (input: GetParametersByPathCommandInput) => {
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(new GetParametersByPathCommand({ ...input, NextToken }));
      names.push(...(page.Parameters ?? []).map((p) => p.Name!));
      NextToken = page.NextToken;
    } while (NextToken);
    return names;
  };
  const describeAll = async (input: DescribeParametersCommandInput = {}) => {
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(new DescribeParametersCommand({ ...input, NextToken }));
      names.push(...(page.Parameters ?? []).map((p) => p.Name!));
      NextToken = page.NextToken;
    } while (NextToken);
    return names;
  };

  before(async () => {
    ssm = server.ssm();
    const params: [string, 'String' | 'StringList' | 'SecureString', string, Record<string, string>?][] = [
      ['/svc/a', 'String', 'va', { team: 'blue' }],
      ['/svc/b', 'SecureString', 'secret-b', { team: 'red' }],
      ['/svc/c', 'StringList', 'x,y'],
      ['/svc/deep/d', 'String', 'vd', { team: 'blue-2' }],
      ['/svc/deep/deeper/e', 'SecureString', 'secret-e'],
      ['/svcx/f', 'String', 'vf'],
      ['/other/g', 'String', 'vg'],
      ['flat', 'String', 'vflat'],
    ];
    for (const [Name, Type, Value, tags] of params) {
      await ssm.send(
        new PutParameterCommand({
          Name,
          Type,
          Value,
          ...(tags ? { Tags: Object.entries(tags).map(([Key, V]) => ({ Key, Value: V })) } : {}),
        }),
      );
    }
    await ssm.send(
      new PutParameterCommand({
        Name: '/svc/a',
        Type: 'String',
        Value: 'va2',
        Overwrite: true,
        Tier: 'Advanced',
      }),
    );
    await ssm.send(
      new LabelParameterVersionCommand({ Name: '/svc/a', ParameterVersion: 1, Labels: ['prod'] }),
    );
  });

  it('GetParametersByPath returns one level, or every level with Recursive', async () => {
    assert.deepEqual(await byPath({ Path: '/svc' }), ['/svc/a', '/svc/b', '/svc/c']);
    assert.deepEqual(await byPath({ Path: '/svc/' }), ['/svc/a', '/svc/b', '/svc/c']);
    assert.deepEqual(await byPath({ Path: '/svc', Recursive: true }), [
      '/svc/a',
      '/svc/b',
      '/svc/c',
      '/svc/deep/d',
      '/svc/deep/deeper/e',
    ]);
    assert.deepEqual(await byPath({ Path: '/svc/deep' }), ['/svc/deep/d']);
    assert.deepEqual(await byPath({ Path: '/' }), []);
    assert.equal((await byPath({ Path: '/', Recursive: true })).length, 7);
    assert.deepEqual(await byPath({ Path: '/nothing' }), []);
  });

  it('GetParametersByPath decrypts only WithDecryption, and returns the latest version', async () => {
    const sealed = await ssm.send(new GetParametersByPathCommand({ Path: '/svc' }));
    const b = sealed.Parameters?.find((p) => p.Name === '/svc/b');
    assert.notEqual(b?.Value, 'secret-b');
    const plain = await ssm.send(new GetParametersByPathCommand({ Path: '/svc', WithDecryption: true }));
    assert.equal(plain.Parameters?.find((p) => p.Name === '/svc/b')?.Value, 'secret-b');
    const a = plain.Parameters?.find((p) => p.Name === '/svc/a');
    assert.equal(a?.Value, 'va2');
    assert.equal(a?.Version, 2);
    assert.equal(a?.ARN, 'arn:aws:ssm:us-east-1:000000000000:parameter/svc/a');
  });

  it('GetParametersByPath pages with MaxResults and NextToken', async () => {
    const first = await ssm.send(
      new GetParametersByPathCommand({ Path: '/svc', Recursive: true, MaxResults: 2 }),
    );
    assert.equal(first.Parameters?.length, 2);
    assert.ok(first.NextToken);
    const second = await ssm.send(
      new GetParametersByPathCommand({
        Path: '/svc',
        Recursive: true,
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    assert.deepEqual(
      second.Parameters?.map((p) => p.Name),
      ['/svc/c', '/svc/deep/d'],
    );
    const last = await ssm.send(
      new GetParametersByPathCommand({
        Path: '/svc',
        Recursive: true,
        MaxResults: 2,
        NextToken: second.NextToken,
      }),
    );
    assert.deepEqual(
      last.Parameters?.map((p) => p.Name),
      ['/svc/deep/deeper/e'],
    );
    assert.equal(last.NextToken, undefined);
    const tooMany = await awsError(() =>
      ssm.send(new GetParametersByPathCommand({ Path: '/svc', MaxResults: 11 })),
    );
    assert.equal(tooMany.name, 'ValidationException');
    assert.equal(
      tooMany.message,
      "1 validation error detected: Value '11' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10",
    );
    const badToken = await awsError(() =>
      ssm.send(new GetParametersByPathCommand({ Path: '/svc', NextToken: 'garbage' })),
    );
    assert.equal(badToken.name, 'InvalidNextToken');
  });

  it('GetParametersByPath filters by Type, KeyId and Label', async () => {
    assert.deepEqual(
      await byPath({
        Path: '/svc',
        Recursive: true,
        ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }],
      }),
      ['/svc/b', '/svc/deep/deeper/e'],
    );
    assert.deepEqual(
      await byPath({
        Path: '/svc',
        Recursive: true,
        ParameterFilters: [{ Key: 'KeyId', Values: ['alias/aws/ssm'] }],
      }),
      ['/svc/b', '/svc/deep/deeper/e'],
    );
    const labelled = await ssm.send(
      new GetParametersByPathCommand({
        Path: '/svc',
        ParameterFilters: [{ Key: 'Label', Values: ['prod'] }],
      }),
    );
    assert.deepEqual(
      labelled.Parameters?.map((p) => [p.Name, p.Version, p.Value]),
      [['/svc/a', 1, 'va']],
    );
  });

  it('GetParametersByPath refuses filters AWS does not allow there, and bad paths', async () => {
    const cases: [GetParametersByPathCommandInput, string, string][] = [
      [
        { Path: '/svc', ParameterFilters: [{ Key: 'Name', Values: ['/svc/a'] }] },
        'InvalidFilterKey',
        'The following filter key is not valid: Name. Valid filter keys include: [Type, KeyId, Label].',
      ],
      [
        { Path: '/svc', ParameterFilters: [{ Key: 'tag:team', Values: ['blue'] }] },
        'InvalidFilterKey',
        'The following filter key is not valid: tag:team. Valid filter keys include: [Type, KeyId, Label].',
      ],
      [
        { Path: '/svc', ParameterFilters: [{ Key: 'Label', Option: 'BeginsWith', Values: ['p'] }] },
        'InvalidFilterOption',
        'The following filter option is not valid: BeginsWith. Valid options include: [Equals].',
      ],
      [
        { Path: '/svc', ParameterFilters: [{ Key: 'Type', Values: ['Number'] }] },
        'InvalidFilterOption',
        'The following filter value is not valid: Number. Valid values include: [String, StringList, SecureString].',
      ],
      [
        {
          Path: '/svc',
          ParameterFilters: [
            { Key: 'Type', Values: ['String'] },
            { Key: 'Type', Values: ['String'] },
          ],
        },
        'InvalidFilterKey',
        'The following filter is duplicated in the request: Type. A request can contain only one occurrence of a specific filter.',
      ],
      [{ Path: 'svc' }, 'ValidationException', "The parameter doesn't meet the parameter name requirements."],
    ];
    for (const [input, code, message] of cases) {
      const error = await awsError(() => ssm.send(new GetParametersByPathCommand(input)));
      assert.equal(error.name, code);
      assert.ok(error.message.startsWith(message), error.message);
    }
  });

  it('DescribeParameters lists metadata without values, with every member AWS sets', async () => {
    const out = await ssm.send(new DescribeParametersCommand({ MaxResults: 50 }));
    assert.equal(out.Parameters?.length, 8);
    const b = out.Parameters?.find((p) => p.Name === '/svc/b');
    assert.equal(b?.Type, 'SecureString');
    assert.equal(b?.KeyId, 'alias/aws/ssm');
    assert.equal(b?.Tier, 'Standard');
    assert.equal(b?.Version, 1);
    assert.equal(b?.DataType, 'text');
    assert.equal(b?.ARN, 'arn:aws:ssm:us-east-1:000000000000:parameter/svc/b');
    assert.equal(b?.LastModifiedUser, 'arn:aws:iam::000000000000:root');
    assert.deepEqual(b?.Policies, []);
    assert.ok(!('Value' in (b ?? {})));
    assert.ok(!JSON.stringify(out).includes('secret-b'));
    const a = out.Parameters?.find((p) => p.Name === '/svc/a');
    assert.equal(a?.KeyId, undefined);
    assert.equal(a?.Description, undefined);
    assert.equal(a?.Tier, 'Advanced');
  });

  it('DescribeParameters filters on Name, Path, Type, KeyId, Tier, DataType and tags', async () => {
    const f = (Key: string, Values: string[] | undefined, Option?: string) =>
      describeAll({ ParameterFilters: [{ Key, Values, ...(Option ? { Option } : {}) }] });
    assert.deepEqual(await f('Name', ['/svc/a']), ['/svc/a']);
    assert.deepEqual(await f('Name', ['svc/a']), ['/svc/a']);
    assert.deepEqual(await f('Name', ['/svc/d'], 'BeginsWith'), ['/svc/deep/d', '/svc/deep/deeper/e']);
    assert.deepEqual(await f('Name', ['deep'], 'Contains'), ['/svc/deep/d', '/svc/deep/deeper/e']);
    assert.deepEqual(await f('Path', ['/svc']), ['/svc/a', '/svc/b', '/svc/c']);
    assert.deepEqual(await f('Path', ['/svc/deep'], 'Recursive'), ['/svc/deep/d', '/svc/deep/deeper/e']);
    assert.deepEqual(await f('Type', ['StringList']), ['/svc/c']);
    assert.deepEqual(await f('KeyId', ['alias/aws/ssm']), ['/svc/b', '/svc/deep/deeper/e']);
    assert.deepEqual(await f('Tier', ['Advanced']), ['/svc/a']);
    assert.equal((await f('DataType', ['text'])).length, 8);
    assert.deepEqual(await f('DataType', ['aws:ec2:image']), []);
    assert.deepEqual(await f('tag:team', ['blue']), ['/svc/a']);
    assert.deepEqual(await f('tag:team', ['blue'], 'BeginsWith'), ['/svc/a', '/svc/deep/d']);
    assert.deepEqual(await f('tag:team', undefined), ['/svc/a', '/svc/b', '/svc/deep/d']);
    assert.deepEqual(await describeAll({ Filters: [{ Key: 'Name', Values: ['/svcx'] }] }), ['/svcx/f']);
    assert.deepEqual(await describeAll({ Filters: [{ Key: 'Type', Values: ['SecureString'] }] }), [
      '/svc/b',
      '/svc/deep/deeper/e',
    ]);
  });

  it('DescribeParameters refuses Label, Filters with ParameterFilters, and bad options', async () => {
    const cases: [DescribeParametersCommandInput, string, string][] = [
      [
        { ParameterFilters: [{ Key: 'Label', Values: ['prod'] }] },
        'InvalidFilterKey',
        'The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier, DataType, tag].',
      ],
      [
        {
          Filters: [{ Key: 'Name', Values: ['/svc'] }],
          ParameterFilters: [{ Key: 'Type', Values: ['String'] }],
        },
        'ValidationException',
        'You can use either Filters or ParameterFilters in a single request.',
      ],
      [
        { ParameterFilters: [{ Key: 'Type', Option: 'Contains', Values: ['String'] }] },
        'InvalidFilterOption',
        'The following filter option is not valid: Contains. Valid options include: [BeginsWith, Equals].',
      ],
      [
        { ParameterFilters: [{ Key: 'Path', Option: 'Equals', Values: ['/svc'] }] },
        'InvalidFilterOption',
        'The following filter option is not valid: Equals. Valid options include: [Recursive, OneLevel].',
      ],
      [
        { ParameterFilters: [{ Key: 'Name' }] },
        'InvalidFilterValue',
        'The following filter values are missing : null for filter key Name.',
      ],
      [
        { ParameterFilters: [{ Key: 'Tier', Values: ['Premium'] }] },
        'InvalidFilterOption',
        'The following filter value is not valid: Premium. Valid values include: [Standard, Advanced, Intelligent-Tiering].',
      ],
      [
        { ParameterFilters: [{ Key: 'Path', Values: ['/aws/service'] }] },
        'ValidationException',
        'Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). When using global parameters, please specify within a global namespace.',
      ],
      [
        { ParameterFilters: [{ Key: 'Colour', Values: ['x'] }] },
        'ValidationException',
        "1 validation error detected: Value 'Colour' at 'parameterFilters.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType",
      ],
      [
        { MaxResults: 51 },
        'ValidationException',
        "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
      ],
    ];
    for (const [input, code, message] of cases) {
      const error = await awsError(() => ssm.send(new DescribeParametersCommand(input)));
      assert.equal(error.name, code);
      assert.equal(error.message, message);
    }
  });

  it('DescribeParameters pages through every parameter exactly once', async () => {
    const first = await ssm.send(new DescribeParametersCommand({ MaxResults: 3 }));
    assert.equal(first.Parameters?.length, 3);
    assert.ok(first.NextToken);
    const all = await describeAll({ MaxResults: 3 });
    assert.deepEqual(all, [...all].sort());
    assert.equal(new Set(all).size, 8);
    assert.deepEqual((await ssm.send(new DescribeParametersCommand({ Shared: true }))).Parameters, []);
  });

  it('tags a parameter, lists and removes tags; unknown resources get InvalidResourceId', async () => {
    const list = async (ResourceId: string) =>
      (await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId }))).TagList;
    assert.deepEqual(await list('/svc/c'), []);
    await ssm.send(
      new AddTagsToResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: '/svc/c',
        Tags: [
          { Key: 'owner', Value: 'ops' },
          { Key: 'env', Value: 'dev' },
        ],
      }),
    );
    await ssm.send(
      new AddTagsToResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: '/svc/c',
        Tags: [{ Key: 'env', Value: 'prod' }],
      }),
    );
    assert.deepEqual(await list('/svc/c'), [
      { Key: 'env', Value: 'prod' },
      { Key: 'owner', Value: 'ops' },
    ]);
    await ssm.send(
      new RemoveTagsFromResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: '/svc/c',
        TagKeys: ['owner'],
      }),
    );
    assert.deepEqual(await list('/svc/c'), [{ Key: 'env', Value: 'prod' }]);
    for (const call of [
      () => list('/svc/missing'),
      () =>
        ssm.send(
          new AddTagsToResourceCommand({
            ResourceType: 'Parameter',
            ResourceId: '/svc/missing',
            Tags: [{ Key: 'a', Value: 'b' }],
          }),
        ),
      () =>
        ssm.send(
          new RemoveTagsFromResourceCommand({
            ResourceType: 'Parameter',
            ResourceId: '/svc/missing',
            TagKeys: ['a'],
          }),
        ),
      () => ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Document', ResourceId: '/svc/c' })),
    ]) {
      const error = await awsError(call);
      assert.equal(error.name, 'InvalidResourceId');
    }
    const tooMany = await awsError(() =>
      ssm.send(
        new AddTagsToResourceCommand({
          ResourceType: 'Parameter',
          ResourceId: '/svc/c',
          Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })),
        }),
      ),
    );
    assert.equal(tooMany.name, 'TooManyTagsError');
    assert.deepEqual(await list('/svc/c'), [{ Key: 'env', Value: 'prod' }]);
    const badKey = await awsError(() =>
      ssm.send(
        new AddTagsToResourceCommand({
          ResourceType: 'Parameter',
          ResourceId: '/svc/c',
          Tags: [{ Key: 'bad#key', Value: 'v' }],
        }),
      ),
    );
    assert.equal(badKey.name, 'ValidationException');
    assert.match(badKey.message, /Value 'bad#key' at 'tags.1.member.key' failed to satisfy constraint/);
  });

  it('DeleteParameter removes a parameter with its history, labels and tags', async () => {
    await ssm.send(
      new PutParameterCommand({
        Name: '/del/one',
        Type: 'String',
        Value: '1',
        Tags: [{ Key: 't', Value: 'v' }],
      }),
    );
    await ssm.send(new DeleteParameterCommand({ Name: '/del/one' }));
    assert.equal(
      (await awsError(() => ssm.send(new GetParameterCommand({ Name: '/del/one' })))).name,
      'ParameterNotFound',
    );
    const again = await awsError(() => ssm.send(new DeleteParameterCommand({ Name: '/del/one' })));
    assert.equal(again.name, 'ParameterNotFound');
    assert.equal(again.status, 400);
    // A new parameter of the same name starts again at version 1, untagged.
    const out = await ssm.send(new PutParameterCommand({ Name: '/del/one', Type: 'String', Value: '2' }));
    assert.equal(out.Version, 1);
    assert.deepEqual(
      (await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/del/one' })))
        .TagList,
      [],
    );
  });

  it('DeleteParameters reports deleted and invalid names; at most 10', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/del/two', Type: 'String', Value: '2' }));
    const out = await ssm.send(new DeleteParametersCommand({ Names: ['/del/one', '/del/two', '/del/none'] }));
    assert.deepEqual(out.DeletedParameters, ['/del/one', '/del/two']);
    assert.deepEqual(out.InvalidParameters, ['/del/none']);
    const error = await awsError(() =>
      ssm.send(new DeleteParametersCommand({ Names: Array.from({ length: 11 }, (_, i) => `/svc/${i}`) })),
    );
    assert.equal(error.name, 'ValidationException');
    assert.match(
      error.message,
      /at 'names' failed to satisfy constraint: Member must have length less than or equal to 10$/,
    );
    const empty = await awsError(() => ssm.send(new DeleteParametersCommand({ Names: [] })));
    assert.equal(empty.name, 'ValidationException');
    assert.equal((await describeAll()).length, 8);
  });
});
