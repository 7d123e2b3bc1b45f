/**
 * hush's own SigV4 signer: identical to `aws4` byte for byte, and accepted (or refused, with a wrong
 * secret) by `hush serve --strict`, which verifies every signature.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CreateKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import aws4 from 'aws4';
import { KEYS } from '../../server/test/auth/fixtures/strictConfig.js';
import { useStrictHushServe } from '../../server/test/auth/fixtures/useStrictHushServe.js';
import { javascriptHashing, nodeCryptoHashing } from '../src/aws/hashing.js';
import { signRequest } from '../src/aws/sigv4.js';
import { AccessDeniedError, Hush } from '../src/index.js';

describe('SigV4 signer', () => {
  // A date per hashing, so that each derives its own signing keys (they are cached by date).
  const hashings = [
    {
      name: 'JavaScript (first signature)',
      hashing: javascriptHashing,
      now: new Date('2026-11-28T12:34:56.789Z'),
    },
    {
      name: 'node:crypto (later ones)',
      hashing: nodeCryptoHashing()!,
      now: new Date('2026-11-29T23:59:59.999Z'),
    },
  ];
  for (const { name, hashing, now } of hashings)
    it(`signs exactly as aws4 does, hashing with ${name}`, () => {
      const cases = [
        { host: 'ssm.us-east-1.amazonaws.com', path: '/', credentials: KEYS.admin },
        { host: '127.0.0.1:4566', path: '/', credentials: KEYS.orders },
        { host: 'proxy.example.com', path: '/a%20b/c%2Fd/', credentials: KEYS.alice },
      ];
      for (const { host, path, credentials } of cases) {
        const body = JSON.stringify({ Names: ['/p/ü', '/q'], WithDecryption: true });
        const headers = {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': 'AmazonSSM.GetParameters',
        };
        const ours = signRequest(
          { host, path, service: 'ssm', region: 'eu-west-1', headers, body },
          credentials,
          now,
          hashing,
        );
        const theirs = aws4.sign(
          {
            host,
            path,
            method: 'POST',
            service: 'ssm',
            region: 'eu-west-1',
            body,
            headers: { ...headers, 'X-Amz-Date': ours['X-Amz-Date']! },
          },
          credentials,
        );
        assert.equal(ours.Authorization, theirs.headers?.Authorization, `${host}${path}`);
      }
    });
});

describe('SigV4 against hush serve --strict', () => {
  const server = useStrictHushServe({ inMemory: true });
  let ciphertext: string;

  before(async () => {
    const admin = new SSMClient({ endpoint: server.url, region: 'us-east-1', credentials: KEYS.admin });
    await admin.send(new PutParameterCommand({ Name: '/orders/db', Value: 'v', Type: 'SecureString' }));
    await admin.send(new PutParameterCommand({ Name: '/payments/db', Value: 'w', Type: 'String' }));
    const kms = new KMSClient({ endpoint: server.url, region: 'us-east-1', credentials: KEYS.admin });
    const key = await kms.send(new CreateKeyCommand({}));
    const encrypted = await kms.send(
      new EncryptCommand({
        KeyId: key.KeyMetadata!.KeyId!,
        Plaintext: Buffer.from('env-secret'),
        EncryptionContext: { LambdaFunctionName: 'orders' },
      }),
    );
    ciphertext = Buffer.from(encrypted.CiphertextBlob!).toString('base64');
  });

  const hushWith = (
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
    functionName = 'orders',
  ) =>
    new Hush({
      endpoint: server.url,
      region: 'us-east-1',
      credentials,
      retry: { maxAttempts: 1 },
      env: { AWS_LAMBDA_FUNCTION_NAME: functionName },
    });

  it('is accepted with long-term keys and with a session token', async () => {
    assert.equal(await hushWith(KEYS.admin).resolve('ssm:/orders/db'), 'v');
    assert.equal(await hushWith(KEYS.reader).resolve('ssm:/orders/db'), 'v');
    assert.equal(
      await hushWith(KEYS.orders).resolve('ssm:/payments/db').catch(String),
      'AccessDeniedError: ssm:/payments/db: access denied (AccessDeniedException)',
    );
  });

  it("a function role decrypts its KMS env var only under its own name (the key policy's condition)", async () => {
    assert.equal(await hushWith(KEYS.orders).resolve(`kms:${ciphertext}`), 'env-secret');
    await assert.rejects(hushWith(KEYS.orders, 'payments').resolve(`kms:${ciphertext}`), AccessDeniedError);
  });

  it('a wrong secret key is refused as access denied, naming the reference only', async () => {
    const wrong = hushWith({ accessKeyId: KEYS.admin.accessKeyId, secretAccessKey: 'not-the-key' });
    await assert.rejects(wrong.resolve('ssm:/orders/db'), (error: unknown) => {
      assert.ok(error instanceof AccessDeniedError, String(error));
      assert.match(error.message, /^ssm:\/orders\/db: access denied/);
      return true;
    });
  });
});
