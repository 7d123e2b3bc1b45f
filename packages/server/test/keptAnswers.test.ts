/**
 * GetParameter and GetSecretValue keep their answer, frozen and serialized once, until the store
 * changes. These tests read through the real SDK clients that the kept answer is always the one a
 * fresh read would give: after every kind of change, for every form of the request, and in strict
 * mode for every caller, whoever read it first.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  GetParameterCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { serializeAnswer } from '../src/http/serializeAnswer.js';
import { KEYS } from './auth/fixtures/strictConfig.js';
import { useStrictHushServe } from './auth/fixtures/useStrictHushServe.js';
import { awsError } from './support/hushServe.js';
import { useHushServe } from './support/useHushServe.js';

describe('serializeAnswer', () => {
  it('serializes a frozen answer once and any other every time', () => {
    let calls = 0;
    const counted = () => ({
      toJSON() {
        calls++;
        return { Value: 'v' };
      },
    });
    const frozen = Object.freeze(counted());
    assert.equal(serializeAnswer(frozen), '{"Value":"v"}');
    assert.equal(serializeAnswer(frozen), '{"Value":"v"}');
    assert.equal(calls, 1);
    const open = counted();
    serializeAnswer(open);
    serializeAnswer(open);
    assert.equal(calls, 3);
  });
});

describe('kept answers follow every change', () => {
  const server = useHushServe({ inMemory: true });
  const ssm = () => new SSMClient({ endpoint: server.url, region: 'us-east-1', credentials: KEYS.admin });
  const sm = () =>
    new SecretsManagerClient({ endpoint: server.url, region: 'us-east-1', credentials: KEYS.admin });

  it('GetParameter: a new version, a label, with and without decryption, by name and by ARN', async () => {
    const client = ssm();
    const get = (Name: string, WithDecryption: boolean) =>
      client.send(new GetParameterCommand({ Name, WithDecryption })).then((out) => out.Parameter!);
    const name = '/kept/db-password';
    await client.send(new PutParameterCommand({ Name: name, Type: 'SecureString', Value: 'first' }));
    assert.equal((await get(name, true)).Value, 'first');
    assert.equal((await get(name, true)).Value, 'first');
    const sealed = await get(name, false);
    assert.notEqual(sealed.Value, 'first', 'without decryption the ciphertext, not the kept plaintext');
    assert.equal((await get(name, true)).Value, 'first');

    await client.send(
      new PutParameterCommand({ Name: name, Type: 'SecureString', Value: 'second', Overwrite: true }),
    );
    const latest = await get(name, true);
    assert.deepEqual([latest.Value, latest.Version, latest.Selector], ['second', 2, undefined]);
    const first = await get(`${name}:1`, true);
    assert.deepEqual([first.Value, first.Version, first.Selector], ['first', 1, ':1']);
    const byArn = await get(latest.ARN!, true);
    assert.deepEqual([byArn.Name, byArn.Value], [name, 'second']);

    await client.send(
      new LabelParameterVersionCommand({ Name: name, ParameterVersion: 1, Labels: ['live'] }),
    );
    assert.equal((await get(`${name}:live`, true)).Value, 'first');
    await client.send(
      new LabelParameterVersionCommand({ Name: name, ParameterVersion: 2, Labels: ['live'] }),
    );
    assert.equal((await get(`${name}:live`, true)).Value, 'second', 'a moved label reads its new version');
  });

  it('GetSecretValue: a new value, a stage moved back, by version id', async () => {
    const client = sm();
    const get = (SecretId: string, VersionId?: string) =>
      client.send(new GetSecretValueCommand({ SecretId, VersionId }));
    const created = await client.send(new CreateSecretCommand({ Name: 'kept/api-key', SecretString: 'one' }));
    assert.equal((await get('kept/api-key')).SecretString, 'one');
    assert.equal((await get('kept/api-key')).SecretString, 'one');
    const put = await client.send(
      new PutSecretValueCommand({ SecretId: 'kept/api-key', SecretString: 'two' }),
    );
    const current = await get('kept/api-key');
    assert.deepEqual([current.SecretString, current.VersionId], ['two', put.VersionId]);
    assert.equal((await get('kept/api-key', created.VersionId)).SecretString, 'one');
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: 'kept/api-key',
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: created.VersionId,
        RemoveFromVersionId: put.VersionId,
      }),
    );
    const back = await get(created.ARN!);
    assert.deepEqual([back.SecretString, back.VersionId], ['one', created.VersionId]);
    assert.ok(back.VersionStages?.includes('AWSCURRENT'));
  });
});

describe('hush serve --strict: a kept answer is no way around authorization', () => {
  const server = useStrictHushServe({ inMemory: true });
  const ssm = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
    new SSMClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });

  it('a caller denied kms:Decrypt is refused after an allowed caller read the same parameter', async () => {
    const name = '/orders/kept-password';
    await ssm(KEYS.admin).send(
      new PutParameterCommand({ Name: name, Type: 'SecureString', Value: 'kept-77' }),
    );
    for (let i = 0; i < 2; i++) {
      const allowed = await ssm(KEYS.orders).send(
        new GetParameterCommand({ Name: name, WithDecryption: true }),
      );
      assert.equal(allowed.Parameter?.Value, 'kept-77');
      const error = await awsError(() =>
        ssm(KEYS.alice).send(new GetParameterCommand({ Name: name, WithDecryption: true })),
      );
      assert.equal(error.name, 'AccessDeniedException');
    }
  });
});
