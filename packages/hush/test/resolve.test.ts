import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { useHushServe } from '../../server/test/support/useHushServe.js';
import {
  DecryptionError,
  defineSecrets,
  Hush,
  HushError,
  InvalidReferenceError,
  SecretNotFoundError,
  SecretsError,
} from '../src/index.js';

let env: Record<string, string>;
const hushFor = (extra: ConstructorParameters<typeof Hush>[0] = {}) => new Hush({ env, ...extra });

const server = useHushServe({ inMemory: true }, async () => {
  env = server.env();
  const ssm = server.ssm();
  const put = (Name: string, Value: string, Type: 'String' | 'StringList' | 'SecureString' = 'String') =>
    ssm.send(new PutParameterCommand({ Name, Value, Type, Overwrite: true }));
  await put('/app/plain', 'hello');
  await put('/app/list', 'a,b,c', 'StringList');
  await put('/app/secure', 's3cret', 'SecureString');
  await put('/app/secure-json', '{"user":"admin"}', 'SecureString');
  await put('/app/json', '{"n":1}');
  await put('/app/bin', Buffer.from('bytes').toString('base64'));
  await put('/app/path/a', '1');
  await put('/app/path/b', '2');
  await put('/app/path/deep/c', '3');
  for (let i = 0; i < 25; i++) await put(`/many/p${i}`, `v${i}`);
  await put('/app/versioned', 'one');
  await put('/app/versioned', 'two');
  const sm = server.secretsManager();
  await sm.send(new CreateSecretCommand({ Name: 'db', SecretString: '{"username":"u","password":"p"}' }));
  await sm.send(new CreateSecretCommand({ Name: 'token', SecretString: 'tok-1' }));
  await sm.send(new PutSecretValueCommand({ SecretId: 'token', SecretString: 'tok-2' }));
  await sm.send(new CreateSecretCommand({ Name: 'blob', SecretBinary: Buffer.from('raw-bytes') }));
});

describe('resolve: every reference form against hush serve', () => {
  it('native SSM forms', async () => {
    const hush = hushFor();
    assert.equal(await hush.resolve('ssm:/app/plain'), 'hello');
    assert.deepEqual(await hush.resolve('ssm:/app/list'), ['a', 'b', 'c']);
    assert.equal(await hush.resolve('ssm:/app/list?raw'), 'a,b,c');
    assert.equal(await hush.resolve('ssm:/app/secure'), 's3cret');
    assert.deepEqual(await hush.resolve('ssm:/app/json?json'), { n: 1 });
    assert.deepEqual(await hush.resolve('ssm:/app/bin?binary'), Buffer.from('bytes'));
    assert.equal(await hush.resolve('ssm:/app/versioned:1'), 'one');
    assert.equal(await hush.resolve('ssm:/app/versioned'), 'two');
    assert.deepEqual(await hush.resolve('ssm:/app/path/'), { a: '1', b: '2' });
    assert.deepEqual(await hush.resolve('ssm:/app/path/?recursive'), { a: '1', b: '2', 'deep/c': '3' });
  });

  it('Serverless v3 forms', async () => {
    const hush = hushFor();
    assert.equal(await hush.resolve('${ssm:/app/plain}'), 'hello');
    assert.deepEqual(await hush.resolve('${ssm:/app/secure-json}'), { user: 'admin' });
    assert.equal(await hush.resolve('${ssm(raw):/app/secure-json}'), '{"user":"admin"}');
    assert.deepEqual(await hush.resolve('${ssm:/app/list}'), ['a', 'b', 'c']);
    assert.equal(await hush.resolve("${ssm:/app/missing, 'dflt'}"), 'dflt');
    const encrypted = await hush.resolve<string>('${ssm(noDecrypt):/app/secure}');
    assert.notEqual(encrypted, 's3cret');
    assert.deepEqual(await hush.resolve('${ssm:/aws/reference/secretsmanager/db}'), {
      username: 'u',
      password: 'p',
    });
  });

  it('CloudFormation forms', async () => {
    const hush = hushFor();
    assert.equal(await hush.resolve('{{resolve:ssm:/app/versioned:1}}'), 'one');
    assert.equal(await hush.resolve('{{resolve:ssm-secure:/app/secure}}'), 's3cret');
    assert.equal(await hush.resolve('{{resolve:secretsmanager:db:SecretString:password}}'), 'p');
    assert.equal(await hush.resolve('{{resolve:secretsmanager:token:SecretString::AWSPREVIOUS}}'), 'tok-1');
  });

  it('Secrets Manager forms', async () => {
    const hush = hushFor();
    assert.equal(await hush.resolve('secretsmanager:db#username'), 'u');
    assert.deepEqual(await hush.resolve('secretsmanager:db?json'), { username: 'u', password: 'p' });
    assert.equal(await hush.resolve('secretsmanager:token'), 'tok-2');
    assert.equal(await hush.resolve('secretsmanager:token?stage=AWSPREVIOUS'), 'tok-1');
    assert.deepEqual(await hush.resolve('secretsmanager:blob?binary'), Buffer.from('raw-bytes'));
  });

  it('errors name the reference and never the value', async () => {
    const hush = hushFor();
    await assert.rejects(hush.resolve('ssm:/app/nope'), (e: unknown) => {
      assert.ok(e instanceof SecretNotFoundError);
      assert.match(e.message, /ssm:\/app\/nope/);
      return true;
    });
    await assert.rejects(hush.resolve('secretsmanager:nope'), SecretNotFoundError);
    await assert.rejects(hush.resolve('nonsense'), InvalidReferenceError);
  });

  it('a missing region is a configuration error, said once and not retried', async () => {
    const { AWS_REGION: _r, AWS_DEFAULT_REGION: _d, ...noRegion } = env;
    const hush = new Hush({ env: noRegion });
    await assert.rejects(hush.resolve('ssm:/app/plain'), (e: unknown) => {
      assert.ok(e instanceof HushError);
      assert.equal(e.message, 'ssm:/app/plain: no AWS region: set AWS_REGION or pass a region');
      assert.equal(e.code, 'Configuration');
      return true;
    });
    assert.equal(hush.requests.GetParameters, 1);
  });
});

describe('fetch plan', () => {
  it('batches 25 SSM names into 3 GetParameters calls and secrets into one BatchGetSecretValue', async () => {
    const hush = hushFor();
    const names = Array.from({ length: 25 }, (_, i) => `ssm:/many/p${i}`);
    const values = await Promise.all([...names, ...names].map((n) => hush.resolve(n)));
    assert.deepEqual(
      values.slice(0, 25),
      Array.from({ length: 25 }, (_, i) => `v${i}`),
    );
    await Promise.all([
      hush.resolve('secretsmanager:db#username'),
      hush.resolve('secretsmanager:token'),
      hush.resolve('secretsmanager:db#password'),
    ]);
    assert.deepEqual(hush.requests, { GetParameters: 3, BatchGetSecretValue: 1 });
  });

  it('cold then warm: the second read sends nothing', async () => {
    const hush = hushFor();
    assert.equal(await hush.resolve('ssm:/app/plain'), 'hello');
    assert.equal(await hush.resolve('ssm:/app/plain'), 'hello');
    assert.deepEqual(hush.requests, { GetParameters: 1 });
  });

  it('a load() while the prefetch runs joins it; a load() after a failure asks again', async () => {
    const hush = hushFor();
    const secrets = defineSecrets({ plain: 'ssm:/app/plain', gone: 'ssm:/app/gone-join' }, { hush });
    const during = secrets.load();
    assert.equal(during, secrets.ready);
    await assert.rejects(during, SecretsError);
    assert.deepEqual(hush.requests, { GetParameters: 1 });
    // What the prefetch found stays cached; only the missing value is asked for again.
    await assert.rejects(secrets.load(), SecretsError);
    assert.deepEqual(hush.requests, { GetParameters: 2 });
    assert.equal(secrets.reveal('plain'), 'hello');
  });

  it('a prefetch reports every failing key at once', async () => {
    const hush = hushFor();
    const secrets = defineSecrets(
      { ok: 'ssm:/app/plain', a: 'ssm:/app/gone-a', b: 'secretsmanager:gone-b' },
      { hush },
    );
    await assert.rejects(secrets.load(), (e: unknown) => {
      assert.ok(e instanceof SecretsError);
      assert.deepEqual(Object.keys(e.failures).sort(), ['a', 'b']);
      assert.ok(e.failures.a instanceof SecretNotFoundError);
      return true;
    });
  });
});

describe('KMS-encrypted env vars', () => {
  it('decrypts with the function-name context and refuses another function name', async () => {
    const kms = server.kms();
    const key = await kms.send(new CreateKeyCommand({}));
    const encrypted = await kms.send(
      new EncryptCommand({
        KeyId: key.KeyMetadata!.KeyId!,
        Plaintext: Buffer.from('kms-plain'),
        EncryptionContext: { LambdaFunctionName: 'my-fn' },
      }),
    );
    const ciphertext = Buffer.from(encrypted.CiphertextBlob!).toString('base64');
    const right = new Hush({ env: { ...env, AWS_LAMBDA_FUNCTION_NAME: 'my-fn' } });
    assert.equal(await right.resolve(`kms:${ciphertext}`), 'kms-plain');
    const secrets = defineSecrets(
      { db: 'DB_PASSWORD' },
      { hush: right, env: { DB_PASSWORD: `kms:${ciphertext}` } },
    );
    assert.equal((await secrets.load()).db.reveal(), 'kms-plain');
    const wrong = new Hush({ env: { ...env, AWS_LAMBDA_FUNCTION_NAME: 'other-fn' } });
    await assert.rejects(wrong.resolve(`kms:${ciphertext}`), DecryptionError);
  });
});
