import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import middy from '@middy/core';
import secretsManager from '@middy/secrets-manager';
import { useHushServe } from '../support/useHushServe.js';
import { assertNoPlaintext } from './fixtures.js';

const VALUES = ['cli-secret-Wd48', 'cli-secret-Ys19', 'powertools-secret-Ka73', 'middy-secret-Fe25'];

describe('Secrets Manager through the AWS CLI, Powertools and Middy', () => {
  const server = useHushServe();

  const aws = (...args: string[]) => {
    const result = spawnSync(
      '/usr/bin/aws',
      ['--endpoint-url', server.url, '--output', 'json', 'secretsmanager', ...args],
      {
        env: server.env(),
        encoding: 'utf8',
      },
    );
    return {
      status: result.status,
      json: result.stdout ? (JSON.parse(result.stdout) as Record<string, unknown>) : {},
      stderr: result.stderr,
    };
  };

  it('runs a secret’s life through the AWS CLI', () => {
    const created = aws(
      'create-secret',
      '--name',
      'cli/secret',
      '--secret-string',
      VALUES[0]!,
      '--description',
      'from the cli',
    );
    assert.equal(created.status, 0, created.stderr);
    assert.match(String(created.json.ARN), /:secret:cli\/secret-\w{6}$/);
    assert.equal(
      aws('put-secret-value', '--secret-id', 'cli/secret', '--secret-string', VALUES[1]!).status,
      0,
    );
    const got = aws('get-secret-value', '--secret-id', 'cli/secret');
    assert.equal(got.json.SecretString, VALUES[1]);
    const previous = aws('get-secret-value', '--secret-id', 'cli/secret', '--version-stage', 'AWSPREVIOUS');
    assert.equal(previous.json.SecretString, VALUES[0]);
    const described = aws('describe-secret', '--secret-id', 'cli/secret');
    assert.equal(described.json.Description, 'from the cli');
    const listed = aws('list-secrets', '--filters', 'Key=name,Values=cli/');
    assert.deepEqual(
      (listed.json.SecretList as { Name: string }[]).map((s) => s.Name),
      ['cli/secret'],
    );
    const password = aws('get-random-password', '--password-length', '40', '--exclude-punctuation');
    assert.match(String(password.json.RandomPassword), /^[A-Za-z0-9]{40}$/);
    const missing = aws('get-secret-value', '--secret-id', 'cli/missing');
    assert.equal(missing.status, 254);
    assert.match(
      missing.stderr,
      /ResourceNotFoundException.*Secrets Manager can't find the specified secret\./,
    );
    assert.equal(
      aws('delete-secret', '--secret-id', 'cli/secret', '--recovery-window-in-days', '7').status,
      0,
    );
    assert.equal(aws('restore-secret', '--secret-id', 'cli/secret').status, 0);
    assert.equal(aws('get-secret-value', '--secret-id', 'cli/secret').json.SecretString, VALUES[1]);
  });

  /** Points SDK clients made from the environment at the server, as a Lambda's env would. */
  async function withServerEnv<T>(fn: () => Promise<T>): Promise<T> {
    const saved = { ...process.env };
    Object.assign(process.env, server.env());
    try {
      return await fn();
    } finally {
      for (const key of Object.keys(server.env())) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  }

  it('serves Powertools getSecret (endpoint from AWS_ENDPOINT_URL)', async () => {
    const client = server.secretsManager();
    await client.send(
      new CreateSecretCommand({ Name: 'pt/secret', SecretString: JSON.stringify({ key: VALUES[2] }) }),
    );
    await withServerEnv(async () => {
      assert.equal(await getSecret('pt/secret'), JSON.stringify({ key: VALUES[2] }));
      const parsed = await getSecret<{ key: string }>('pt/secret', { transform: 'json', forceFetch: true });
      assert.deepEqual(parsed, { key: VALUES[2] });
      const missing = await getSecret('pt/missing').then(
        () => undefined,
        (error: Error) => error,
      );
      assert.match(String((missing?.cause as Error | undefined)?.name), /ResourceNotFoundException/);
    });
  });

  it('serves Middy’s secrets-manager middleware (endpoint from AWS_ENDPOINT_URL)', async () => {
    await server
      .secretsManager()
      .send(new CreateSecretCommand({ Name: 'middy/secret', SecretString: VALUES[3] }));
    const handler = middy(async (_event: unknown, context: Record<string, unknown>) => context.apiKey).use(
      secretsManager({ fetchData: { apiKey: 'middy/secret' }, setToContext: true, disablePrefetch: true }),
    );
    const result = await withServerEnv(() => handler({}, {} as never));
    assert.equal(result, VALUES[3]);
  });

  it('keeps the values out of the data dir and the server output', () => {
    assertNoPlaintext(server, VALUES);
  });
});
