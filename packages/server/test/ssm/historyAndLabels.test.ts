import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  type SSMClient,
  UnlabelParameterVersionCommand,
} from '@aws-sdk/client-ssm';
import { awsError } from '../support/hushServe.js';
import { useHushServe } from '../support/useHushServe.js';

describe('SSM GetParameterHistory, LabelParameterVersion, UnlabelParameterVersion, 100 versions', () => {
  const server = useHushServe({ inMemory: true });
  let ssm: SSMClient;
  const label = (Name: string, Labels: string[], ParameterVersion?: number) =>
    ssm.send(new LabelParameterVersionCommand({ Name, Labels, ParameterVersion }));
  const history = async (Name: string) => {
    const out = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(new GetParameterHistoryCommand({ Name, NextToken, WithDecryption: true }));
      out.push(...(page.Parameters ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return out;
  };
  const labelsOf = async (Name: string) =>
    Object.fromEntries((await history(Name)).map((v) => [v.Version, v.Labels]));

  before(async () => {
    ssm = server.ssm();
    await ssm.send(
      new PutParameterCommand({
        Name: '/h/secret',
        Type: 'SecureString',
        Value: 'first-secret',
        Description: 'd1',
      }),
    );
    for (const value of ['second-secret', 'third-secret']) {
      await ssm.send(new PutParameterCommand({ Name: '/h/secret', Value: value, Overwrite: true }));
    }
  });

  it('returns every version, oldest first, with the members AWS sets', async () => {
    const out = await ssm.send(new GetParameterHistoryCommand({ Name: '/h/secret', WithDecryption: true }));
    assert.deepEqual(
      out.Parameters?.map((v) => [v.Version, v.Value, v.Type]),
      [
        [1, 'first-secret', 'SecureString'],
        [2, 'second-secret', 'SecureString'],
        [3, 'third-secret', 'SecureString'],
      ],
    );
    const v1 = out.Parameters?.[0];
    assert.equal(v1?.Name, '/h/secret');
    assert.equal(v1?.KeyId, 'alias/aws/ssm');
    assert.equal(v1?.Description, 'd1');
    assert.equal(v1?.Tier, 'Standard');
    assert.equal(v1?.DataType, 'text');
    assert.deepEqual(v1?.Labels, []);
    assert.deepEqual(v1?.Policies, []);
    assert.equal(v1?.LastModifiedUser, 'arn:aws:iam::000000000000:root');
    assert.equal(out.NextToken, undefined);
  });

  it('returns ciphertext without WithDecryption', async () => {
    const out = await ssm.send(new GetParameterHistoryCommand({ Name: '/h/secret' }));
    assert.equal(out.Parameters?.length, 3);
    assert.ok(!JSON.stringify(out).includes('-secret'));
  });

  it('pages with MaxResults and NextToken; MaxResults is 1 to 50', async () => {
    const first = await ssm.send(new GetParameterHistoryCommand({ Name: '/h/secret', MaxResults: 2 }));
    assert.deepEqual(
      first.Parameters?.map((v) => v.Version),
      [1, 2],
    );
    assert.ok(first.NextToken);
    const rest = await ssm.send(
      new GetParameterHistoryCommand({ Name: '/h/secret', MaxResults: 2, NextToken: first.NextToken }),
    );
    assert.deepEqual(
      rest.Parameters?.map((v) => v.Version),
      [3],
    );
    assert.equal(rest.NextToken, undefined);
    const error = await awsError(() =>
      ssm.send(new GetParameterHistoryCommand({ Name: '/h/secret', MaxResults: 0 })),
    );
    assert.equal(error.name, 'ValidationException');
    assert.equal(
      error.message,
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('answers an unknown parameter with ParameterNotFound', async () => {
    const error = await awsError(() => ssm.send(new GetParameterHistoryCommand({ Name: '/h/none' })));
    assert.equal(error.name, 'ParameterNotFound');
    assert.equal(error.message, 'Parameter /h/none not found.');
  });

  it('labels the latest version by default and returns invalid labels without failing', async () => {
    const out = await label('/h/secret', [
      'live',
      'aws-x',
      'SSMy',
      '1st',
      'has space',
      'ok_label-1.2',
      'AwsLower',
    ]);
    assert.equal(out.ParameterVersion, 3);
    assert.deepEqual(out.InvalidLabels, ['aws-x', 'SSMy', '1st', 'has space', 'AwsLower']);
    assert.deepEqual((await labelsOf('/h/secret'))[3], ['live', 'ok_label-1.2']);
    const viaLabel = await ssm.send(
      new GetParameterCommand({ Name: '/h/secret:live', WithDecryption: true }),
    );
    assert.equal(viaLabel.Parameter?.Value, 'third-secret');
  });

  it('moves a label from one version to another', async () => {
    const out = await label('/h/secret', ['live'], 1);
    assert.equal(out.ParameterVersion, 1);
    assert.deepEqual(out.InvalidLabels, []);
    const labels = await labelsOf('/h/secret');
    assert.deepEqual(labels[1], ['live']);
    assert.deepEqual(labels[3], ['ok_label-1.2']);
    const viaLabel = await ssm.send(
      new GetParameterCommand({ Name: '/h/secret:live', WithDecryption: true }),
    );
    assert.equal(viaLabel.Parameter?.Value, 'first-secret');
  });

  it('allows 10 labels on a version and refuses the eleventh', async () => {
    await label('/h/secret', ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8'], 2);
    await label('/h/secret', ['l9', 'l10'], 2);
    assert.equal((await labelsOf('/h/secret'))[2]?.length, 10);
    const error = await awsError(() => label('/h/secret', ['l11'], 2));
    assert.equal(error.name, 'ParameterVersionLabelLimitExceeded');
    assert.equal(
      error.message,
      'A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.',
    );
    // Re-applying labels the version already has is not growth.
    assert.deepEqual((await label('/h/secret', ['l1', 'l2'], 2)).InvalidLabels, []);
    assert.equal((await labelsOf('/h/secret'))[2]?.length, 10);
  });

  it('refuses unknown parameters and versions, and malformed requests', async () => {
    const noParam = await awsError(() => label('/h/none', ['x']));
    assert.equal(noParam.name, 'ParameterNotFound');
    const noVersion = await awsError(() => label('/h/secret', ['x'], 9));
    assert.equal(noVersion.name, 'ParameterVersionNotFound');
    assert.equal(
      noVersion.message,
      'Systems Manager could not find version 9 of /h/secret. Verify the version and try again.',
    );
    const tooLong = await awsError(() => label('/h/secret', ['a'.repeat(101)]));
    assert.equal(tooLong.name, 'ValidationException');
    assert.match(
      tooLong.message,
      /at 'labels.1.member' failed to satisfy constraint: Member must have length less than or equal to 100$/,
    );
    const tooMany = await awsError(() =>
      label(
        '/h/secret',
        Array.from({ length: 11 }, (_, i) => `m${i}`),
      ),
    );
    assert.equal(tooMany.name, 'ValidationException');
    assert.match(
      tooMany.message,
      /at 'labels' failed to satisfy constraint: Member must have length less than or equal to 10$/,
    );
    assert.deepEqual((await labelsOf('/h/secret'))[1], ['live']);
  });

  it('unlabels, reporting removed and invalid labels', async () => {
    const out = await ssm.send(
      new UnlabelParameterVersionCommand({
        Name: '/h/secret',
        ParameterVersion: 2,
        Labels: ['l1', 'live', 'nope'],
      }),
    );
    assert.deepEqual(out.RemovedLabels, ['l1']);
    assert.deepEqual(out.InvalidLabels, ['live', 'nope']);
    const labels = await labelsOf('/h/secret');
    assert.equal(labels[2]?.includes('l1'), false);
    assert.deepEqual(labels[1], ['live']);
    const noVersion = await awsError(() =>
      ssm.send(new UnlabelParameterVersionCommand({ Name: '/h/secret', ParameterVersion: 7, Labels: ['x'] })),
    );
    assert.equal(noVersion.name, 'ParameterVersionNotFound');
    const noParam = await awsError(() =>
      ssm.send(new UnlabelParameterVersionCommand({ Name: '/h/none', ParameterVersion: 1, Labels: ['x'] })),
    );
    assert.equal(noParam.name, 'ParameterNotFound');
  });

  it('keeps 100 versions, dropping the oldest unlabelled one', async () => {
    for (let i = 1; i <= 101; i++) {
      const out = await ssm.send(
        new PutParameterCommand({ Name: '/h/many', Type: 'String', Value: `v${i}`, Overwrite: i > 1 }),
      );
      assert.equal(out.Version, i);
    }
    const versions = await history('/h/many');
    assert.equal(versions.length, 100);
    assert.equal(versions[0]?.Version, 2);
    assert.equal(versions[99]?.Version, 101);
    assert.equal(
      (await awsError(() => ssm.send(new GetParameterCommand({ Name: '/h/many:1' })))).name,
      'ParameterVersionNotFound',
    );
  });

  it('refuses a 101st version while the oldest carries a label, changing nothing', async () => {
    await label('/h/many', ['pinned'], 2);
    const error = await awsError(() =>
      ssm.send(new PutParameterCommand({ Name: '/h/many', Value: 'v102', Overwrite: true })),
    );
    assert.equal(error.name, 'ParameterMaxVersionLimitExceeded');
    assert.equal(
      error.message,
      "You attempted to create a new version of /h/many by calling the PutParameter API with the overwrite flag. Version 2, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.",
    );
    const versions = await history('/h/many');
    assert.equal(versions.length, 100);
    assert.equal(versions[99]?.Value, 'v101');
    await label('/h/many', ['pinned'], 50);
    const out = await ssm.send(new PutParameterCommand({ Name: '/h/many', Value: 'v102', Overwrite: true }));
    assert.equal(out.Version, 102);
    assert.equal((await history('/h/many'))[0]?.Version, 3);
  });
});
