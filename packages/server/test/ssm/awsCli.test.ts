import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsCli, type CliResult } from '../support/awsCli.js';
import { useHushServe } from '../support/useHushServe.js';

describe('SSM through the AWS CLI', () => {
  const server = useHushServe({ inMemory: true });
  const aws = (...args: string[]): Promise<CliResult> => awsCli(server, ['--output', 'json', 'ssm', ...args]);
  const json = async (...args: string[]) => {
    const result = await aws(...args);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  it('puts and gets a SecureString with decryption', async () => {
    const put = await json(
      'put-parameter',
      '--name',
      '/cli/db/password',
      '--type',
      'SecureString',
      '--value',
      'cli-s3cret',
    );
    assert.deepEqual(put, { Version: 1, Tier: 'Standard' });
    const got = await json('get-parameter', '--name', '/cli/db/password', '--with-decryption');
    const parameter = got.Parameter as Record<string, unknown>;
    assert.equal(parameter.Value, 'cli-s3cret');
    assert.equal(parameter.Type, 'SecureString');
    assert.equal(parameter.ARN, 'arn:aws:ssm:us-east-1:000000000000:parameter/cli/db/password');
    const sealed = await json('get-parameter', '--name', '/cli/db/password');
    assert.notEqual((sealed.Parameter as Record<string, unknown>).Value, 'cli-s3cret');
  });

  it('reads a path, recursively, through the paginating CLI', async () => {
    for (let i = 0; i < 12; i++) {
      await json(
        'put-parameter',
        '--name',
        `/cli/many/p${String(i).padStart(2, '0')}`,
        '--type',
        'String',
        '--value',
        `v${i}`,
      );
    }
    const out = await json('get-parameters-by-path', '--path', '/cli', '--recursive', '--with-decryption');
    const names = (out.Parameters as { Name: string; Value: string }[]).map((p) => p.Name);
    assert.equal(names.length, 13);
    assert.ok(names.includes('/cli/db/password'));
    const oneLevel = await json('get-parameters-by-path', '--path', '/cli/db');
    assert.deepEqual(
      (oneLevel.Parameters as { Name: string }[]).map((p) => p.Name),
      ['/cli/db/password'],
    );
  });

  it('shows history and moves labels', async () => {
    await json(
      'put-parameter',
      '--name',
      '/cli/db/password',
      '--type',
      'SecureString',
      '--value',
      'cli-s3cret-2',
      '--overwrite',
    );
    const labelled = await json(
      'label-parameter-version',
      '--name',
      '/cli/db/password',
      '--parameter-version',
      '1',
      '--labels',
      'stable',
      'awsbad',
    );
    assert.deepEqual(labelled, { InvalidLabels: ['awsbad'], ParameterVersion: 1 });
    const history = await json('get-parameter-history', '--name', '/cli/db/password', '--with-decryption');
    assert.deepEqual(
      (history.Parameters as { Version: number; Value: string; Labels: string[] }[]).map((v) => [
        v.Version,
        v.Value,
        v.Labels,
      ]),
      [
        [1, 'cli-s3cret', ['stable']],
        [2, 'cli-s3cret-2', []],
      ],
    );
    await json('label-parameter-version', '--name', '/cli/db/password', '--labels', 'stable');
    const byLabel = await json('get-parameter', '--name', '/cli/db/password:stable', '--with-decryption');
    assert.equal((byLabel.Parameter as Record<string, unknown>).Value, 'cli-s3cret-2');
    assert.equal((byLabel.Parameter as Record<string, unknown>).Selector, ':stable');
  });

  it('prints AWS errors the way the CLI prints them for real AWS', async () => {
    const missing = await aws('get-parameter', '--name', '/cli/nothing');
    assert.equal(missing.code, 254);
    assert.match(
      missing.stderr,
      /An error occurred \(ParameterNotFound\) when calling the GetParameter operation/,
    );
    const exists = await aws(
      'put-parameter',
      '--name',
      '/cli/db/password',
      '--type',
      'String',
      '--value',
      'x',
    );
    assert.equal(exists.code, 254);
    assert.match(
      exists.stderr,
      /\(ParameterAlreadyExists\) when calling the PutParameter operation: The parameter already exists\./,
    );
  });
});
