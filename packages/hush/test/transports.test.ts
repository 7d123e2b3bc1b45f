import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { CreateKeyCommand, DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  GetSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParametersCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { useHushServe } from '../../server/test/support/useHushServe.js';
import { extensionTransport, Hush, SecretNotFoundError, sdkTransport, TimeoutError } from '../src/index.js';

let extension: http.Server;
let extensionUrl: string;
const tokens: string[] = [];

const server = useHushServe({ inMemory: true }, async () => {
  await server.ssm().send(new PutParameterCommand({ Name: '/t/a', Value: 'A', Type: 'SecureString' }));
  await server.ssm().send(new PutParameterCommand({ Name: '/t/b', Value: 'B', Type: 'String' }));
  await server.secretsManager().send(new CreateSecretCommand({ Name: 't/s', SecretString: '{"k":"v"}' }));
  // Stands in for the Lambda extension: it answers its GET API by calling hush serve, as the real one calls AWS.
  extension = http.createServer(async (req, res) => {
    tokens.push(String(req.headers['x-aws-parameters-secrets-token']));
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      const body =
        url.pathname === '/systemsmanager/parameters/get'
          ? await server.ssm().send(
              new GetParameterCommand({
                Name: url.searchParams.get('name') ?? '',
                WithDecryption: url.searchParams.get('withDecryption') === 'true',
              }),
            )
          : await server
              .secretsManager()
              .send(new GetSecretValueCommand({ SecretId: url.searchParams.get('secretId') ?? '' }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    } catch (error) {
      res.writeHead(400).end(`${(error as Error).name}: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((done) => extension.listen(0, '127.0.0.1', done));
  extensionUrl = `http://127.0.0.1:${(extension.address() as AddressInfo).port}`;
});

after(() => {
  extension.close();
});

describe('transports', () => {
  it('the Lambda extension: one GET per name, session token header, not-found mapped', async () => {
    const env = { ...server.env(), AWS_SESSION_TOKEN: 'session-token-x' };
    const hush = new Hush({ env, transport: extensionTransport({ url: extensionUrl, env }) });
    const [a, b, k] = await Promise.all([
      hush.resolve('ssm:/t/a'),
      hush.resolve('ssm:/t/b'),
      hush.resolve('secretsmanager:t/s#k'),
    ]);
    assert.deepEqual([a, b, k], ['A', 'B', 'v']);
    assert.deepEqual(tokens, ['session-token-x', 'session-token-x', 'session-token-x']);
    await assert.rejects(hush.resolve('ssm:/t/none'), SecretNotFoundError);
    await assert.rejects(hush.resolve('secretsmanager:t/none'), SecretNotFoundError);
  });

  it("a caller's AWS SDK v3 clients", async () => {
    const kms = server.kms();
    const key = await kms.send(new CreateKeyCommand({}));
    const blob = await kms.send(
      new EncryptCommand({
        KeyId: key.KeyMetadata?.KeyId,
        Plaintext: Buffer.from('via-sdk'),
        EncryptionContext: { LambdaFunctionName: 'fn' },
      }),
    );
    const transport = sdkTransport({
      ssm: server.ssm(),
      secretsManager: server.secretsManager(),
      kms,
      commands: { GetParametersCommand, BatchGetSecretValueCommand, DecryptCommand },
    });
    const hush = new Hush({ env: { AWS_LAMBDA_FUNCTION_NAME: 'fn' }, transport });
    assert.equal(await hush.resolve('ssm:/t/a'), 'A');
    assert.deepEqual(await hush.resolve('secretsmanager:t/s?json'), { k: 'v' });
    assert.equal(
      await hush.resolve(`kms:${Buffer.from(blob.CiphertextBlob ?? []).toString('base64')}`),
      'via-sdk',
    );
    await assert.rejects(hush.resolve('ssm:/t/none'), SecretNotFoundError);
  });

  it('each transport enforces the per-attempt timeout: a slow service ends in TimeoutError', async () => {
    const faults = (method: 'POST' | 'DELETE', body?: object) =>
      fetch(`${server.url}/_hush/faults`, {
        method,
        ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
      });
    const retry = { maxAttempts: 2, attemptTimeoutMs: 100 };
    const env = server.env();
    const transports = {
      extension: extensionTransport({ url: extensionUrl, env }),
      sdk: sdkTransport({ ssm: server.ssm(), commands: { GetParametersCommand } }),
    };
    await faults('POST', { fault: 'AmazonSSM.GetParameter*:latency=400ms' });
    try {
      for (const [name, transport] of Object.entries(transports)) {
        const hush = new Hush({ env, transport, retry });
        await assert.rejects(hush.resolve('ssm:/t/b'), (error: unknown) => {
          assert.ok(error instanceof TimeoutError, `${name}: ${String(error)}`);
          assert.equal(error.message, 'ssm:/t/b: no answer within 100 ms (2 attempts)');
          return true;
        });
      }
    } finally {
      await faults('DELETE');
    }
  });
});
