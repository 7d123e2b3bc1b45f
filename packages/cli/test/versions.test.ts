import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParameterHistoryCommand } from '@aws-sdk/client-ssm';
import { awsError } from '../../server/test/support/hushServe.js';
import { useHushServe } from '../../server/test/support/useHushServe.js';
import { hushAgainst } from './support/runHush.js';

describe('hush history / label / rotate / rm', () => {
  const server = useHushServe({ inMemory: true });
  const hush = hushAgainst(server);

  it('history lists SSM versions with labels and who changed them, never values', async () => {
    await hush(['put', 'ssm:/h/p'], 'first-value');
    await hush(['put', 'ssm:/h/p'], 'second-value');
    const label = await hush(['label', 'ssm:/h/p', '1', 'stable']);
    assert.equal(label.code, 0, label.stderr);
    const history = await hush(['history', 'ssm:/h/p']);
    assert.equal(history.code, 0, history.stderr);
    assert.match(history.stdout, /^1\s+\d{4}-\S+\s+stable\s+arn:aws:iam::/m);
    assert.match(history.stdout, /^2\s+\d{4}-/m);
    assert.ok(!history.stdout.includes('-value'));
    const json = JSON.parse((await hush(['history', 'ssm:/h/p', '--json'])).stdout) as { version: string }[];
    assert.deepEqual(
      json.map((v) => v.version),
      ['1', '2'],
    );
    assert.equal((await hush(['get', 'ssm:/h/p:stable'])).stdout, 'first-value\n');
  });

  it('label moves a Secrets Manager stage; history shows the stages', async () => {
    await hush(['put', 'secretsmanager:h/s'], 'one');
    await hush(['put', 'secretsmanager:h/s'], 'two');
    const versions = JSON.parse((await hush(['history', 'secretsmanager:h/s', '--json'])).stdout) as {
      version: string;
      labels: string[];
    }[];
    const previous = versions.find((v) => v.labels.includes('AWSPREVIOUS'));
    assert.ok(previous);
    const moved = await hush(['label', 'secretsmanager:h/s', previous.version, 'AWSCURRENT']);
    assert.equal(moved.code, 0, moved.stderr);
    assert.equal((await hush(['get', 'secretsmanager:h/s'])).stdout, 'one\n');
  });

  it('rotate gives an SSM parameter a new random value of the same type without printing it', async () => {
    await hush(['put', 'ssm:/h/rot'], 'before-rotation');
    const rotated = await hush(['rotate', 'ssm:/h/rot', '--length', '40']);
    assert.equal(rotated.code, 0, rotated.stderr);
    const { Parameter } = await server
      .ssm()
      .send(new GetParameterCommand({ Name: '/h/rot', WithDecryption: true }));
    assert.equal(Parameter?.Type, 'SecureString');
    assert.equal(Parameter?.Version, 2);
    assert.equal(Parameter?.Value?.length, 40);
    assert.ok(
      !rotated.stdout.includes(Parameter?.Value ?? '') && !rotated.stderr.includes(Parameter?.Value ?? ''),
    );
    const missing = await hush(['rotate', 'ssm:/h/none']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^hush: rotate: ssm:\/h\/none: ParameterNotFound/);
  });

  it('rotate on a secret without rotation configured fails with the service error', async () => {
    await hush(['put', 'secretsmanager:h/norot'], 'x');
    const result = await hush(['rotate', 'secretsmanager:h/norot']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^hush: rotate: secretsmanager:h\/norot: \w+/);
  });

  it('rm deletes a parameter; a secret gets a recovery window unless --force', async () => {
    await hush(['put', 'ssm:/h/gone'], 'bye');
    assert.equal((await hush(['rm', 'ssm:/h/gone'])).code, 0);
    const gone = await awsError(() => server.ssm().send(new GetParameterHistoryCommand({ Name: '/h/gone' })));
    assert.equal(gone.name, 'ParameterNotFound');

    await hush(['put', 'secretsmanager:h/window'], 'soon');
    const scheduled = await hush(['rm', 'secretsmanager:h/window', '--recovery-days', '7']);
    assert.equal(scheduled.code, 0, scheduled.stderr);
    assert.match(scheduled.stderr, /will be deleted on \d{4}-/);
    const described = await server.secretsManager().send(new DescribeSecretCommand({ SecretId: 'h/window' }));
    assert.ok(described.DeletedDate);

    await hush(['put', 'secretsmanager:h/now'], 'now');
    assert.equal((await hush(['rm', 'secretsmanager:h/now', '--force'])).code, 0);
    const forced = await awsError(() =>
      server.secretsManager().send(new DescribeSecretCommand({ SecretId: 'h/now' })),
    );
    assert.equal(forced.name, 'ResourceNotFoundException');

    const typo = await hush(['rm', 'secretsmanager:h/never-existed', '--force']);
    assert.equal(typo.code, 1, 'a forced delete of a secret that does not exist must fail');
    assert.match(typo.stderr, /^hush: rm: secretsmanager:h\/never-existed: ResourceNotFoundException/);

    assert.equal((await hush(['rm', 'secretsmanager:h/x', '--recovery-days', '3'])).code, 2);
    const missing = await hush(['rm', 'ssm:/h/never']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^hush: rm: ssm:\/h\/never: ParameterNotFound/);
  });
});
