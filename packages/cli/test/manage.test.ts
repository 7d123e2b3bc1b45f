import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CreateKeyCommand, DecryptCommand } from '@aws-sdk/client-kms';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand, GetParameterCommand } from '@aws-sdk/client-ssm';
import { awsError } from '../../server/test/support/hushServe.js';
import { useHushServe } from '../../server/test/support/useHushServe.js';
import { hushAgainst, runHush } from './support/runHush.js';

describe('hush put / get / ls / encrypt-env / decrypt-env', () => {
  const server = useHushServe({ inMemory: true });
  const hush = hushAgainst(server);

  it('put reads the value from stdin (never argv), stores a SecureString, get prints it', async () => {
    const args = ['put', 'ssm:/app/db/password', '--tag', 'team=core'];
    const put = await hush(args, 'pa55-from-stdin\n');
    assert.equal(put.code, 0, put.stderr);
    assert.ok(!args.some((a) => a.includes('pa55-from-stdin')));
    assert.ok(!put.stdout.includes('pa55') && !put.stderr.includes('pa55'));
    const { Parameter } = await server
      .ssm()
      .send(new GetParameterCommand({ Name: '/app/db/password', WithDecryption: true }));
    assert.equal(Parameter?.Type, 'SecureString');
    assert.equal(Parameter?.Value, 'pa55-from-stdin');

    const get = await hush(['get', 'ssm:/app/db/password']);
    assert.equal(get.stdout, 'pa55-from-stdin\n');
    const json = await hush(['get', 'ssm:/app/db/password', '--json']);
    assert.equal(JSON.parse(json.stdout).Version, 1);

    const again = await hush(['put', 'ssm:/app/db/password', '--type', 'String'], 'second');
    assert.equal(again.code, 0, again.stderr);
    assert.equal((await hush(['get', 'ssm:/app/db/password:1'])).stdout, 'pa55-from-stdin\n');
    assert.equal((await hush(['get', '/app/db/password'])).stdout, 'second\n');
    const refused = await hush(['put', 'ssm:/app/db/password', '--no-overwrite'], 'third');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^hush: put: ssm:\/app\/db\/password: ParameterAlreadyExists/);
    assert.ok(!refused.stderr.includes('third'));
  });

  it('put creates a secret, then adds a version; get picks #field', async () => {
    const created = await hush(
      ['put', 'secretsmanager:app/stripe', '--description', 'Stripe'],
      '{"apiKey":"sk_1"}',
    );
    assert.equal(created.code, 0, created.stderr);
    const updated = await hush(['put', 'secretsmanager:app/stripe'], '{"apiKey":"sk_2","n":3}');
    assert.equal(updated.code, 0, updated.stderr);
    const current = await server.secretsManager().send(new GetSecretValueCommand({ SecretId: 'app/stripe' }));
    assert.equal(current.SecretString, '{"apiKey":"sk_2","n":3}');
    assert.equal((await hush(['get', 'secretsmanager:app/stripe#apiKey'])).stdout, 'sk_2\n');
    assert.equal((await hush(['get', 'secretsmanager:app/stripe#n'])).stdout, '3\n');
    const previous = await hush(['get', 'secretsmanager:app/stripe?stage=AWSPREVIOUS#apiKey']);
    assert.equal(previous.stdout, 'sk_1\n');
    const missingField = await hush(['get', 'secretsmanager:app/stripe#nope']);
    assert.equal(missingField.code, 1);
    assert.equal(
      missingField.stderr,
      'hush: get: secretsmanager:app/stripe#nope: #nope: no such field in the secret\n',
    );
    assert.ok(!missingField.stderr.includes('sk_2'));
  });

  it('ls lists names, types and versions but values only with --values', async () => {
    await hush(['put', 'ssm:/ls/a'], 'value-aaa');
    await hush(['put', 'ssm:/ls/nested/b', '--type', 'String'], 'value-bbb');
    const ls = await hush(['ls', 'ssm:/ls']);
    assert.equal(ls.code, 0, ls.stderr);
    assert.match(ls.stdout, /\/ls\/a\s+SecureString\s+1\s+\d{4}-/);
    assert.match(ls.stdout, /\/ls\/nested\/b\s+String\s+1/);
    assert.ok(!ls.stdout.includes('value-'));
    const json = JSON.parse((await hush(['ls', '/ls', '--json'])).stdout) as {
      name: string;
      value?: string;
    }[];
    assert.deepEqual(
      json.map((e) => e.name),
      ['/ls/a', '/ls/nested/b'],
    );
    assert.ok(json.every((e) => e.value === undefined));
    const values = await hush(['ls', '/ls', '--values']);
    assert.match(values.stdout, /value-aaa/);
    const secrets = await hush(['ls', 'secretsmanager:app/']);
    assert.match(secrets.stdout, /app\/stripe\s+secret/);
    assert.ok(!secrets.stdout.includes('sk_'));
  });

  it('encrypt-env output decrypts with the function-name context and fails with another', async () => {
    const kms = server.kms();
    const key = await kms.send(new CreateKeyCommand({}));
    const keyId = key.KeyMetadata?.KeyId ?? '';
    const enc = await hush(['encrypt-env', '--key', keyId, '--function', 'orders-api'], 'db-pass-42\n');
    assert.equal(enc.code, 0, enc.stderr);
    assert.ok(!enc.stdout.includes('db-pass-42'));
    const blob = Buffer.from(enc.stdout.trim(), 'base64');
    const plain = await kms.send(
      new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { LambdaFunctionName: 'orders-api' } }),
    );
    assert.equal(Buffer.from(plain.Plaintext ?? []).toString(), 'db-pass-42');
    const wrong = await awsError(() =>
      kms.send(
        new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { LambdaFunctionName: 'other' } }),
      ),
    );
    assert.equal(wrong.name, 'InvalidCiphertextException');

    const dec = await hush(['decrypt-env', '--function', 'orders-api'], enc.stdout);
    assert.equal(dec.stdout, 'db-pass-42\n');
    const decWrong = await hush(['decrypt-env', '--function', 'other', enc.stdout.trim()]);
    assert.equal(decWrong.code, 1);
    assert.match(decWrong.stderr, /^hush: decrypt-env: other: InvalidCiphertextException/);
  });

  it('bad references and missing entries fail with one clear line and change nothing', async () => {
    const bad = await hush(['put', 'vault:/x'], 'never-stored');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^hush: put: vault:\/x: column 1: /);
    const missing = await hush(['get', 'ssm:/does/not/exist']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr.split('\n').length, 2);
    assert.match(missing.stderr, /^hush: get: ssm:\/does\/not\/exist: ParameterNotFound/);
    const missingSecret = await hush(['get', 'secretsmanager:nope']);
    assert.match(missingSecret.stderr, /^hush: get: secretsmanager:nope: ResourceNotFoundException/);
    const usage = await hush(['get']);
    assert.equal(usage.code, 2);
    const empty = await hush(['put', 'ssm:/empty'], '');
    assert.equal(empty.code, 1);
    const none = await awsError(() => server.ssm().send(new GetParameterCommand({ Name: '/empty' })));
    assert.equal(none.name, 'ParameterNotFound');
  });
  it('--endpoint and --region work without any AWS environment; output has no colour codes in pipes', async () => {
    const bare = {
      PATH: process.env.PATH ?? '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    const flags = ['--endpoint', server.url, '--region', 'eu-west-1'];
    const put = await runHush(['put', 'ssm:/flags/x', ...flags], { env: bare, input: 'flag-value' });
    assert.equal(put.code, 0, put.stderr);
    const { Parameter } = await server
      .ssm('eu-west-1')
      .send(new GetParameterCommand({ Name: '/flags/x', WithDecryption: true }));
    assert.equal(Parameter?.Value, 'flag-value');
    const other = await runHush(['get', 'ssm:/flags/x', ...flags.slice(0, 2), '--region', 'us-east-1'], {
      env: bare,
    });
    assert.equal(other.code, 1);
    assert.ok(!other.stderr.includes('\u001b['));
  });
  it('--profile loads credentials through the SDK provider chain; no credentials is one clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-profile-'));
    const config = join(dir, 'config');
    writeFileSync(
      config,
      '[profile dev]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = s\nregion = us-east-1\n',
    );
    const profileEnv = {
      PATH: process.env.PATH ?? '',
      AWS_ENDPOINT_URL: server.url,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const put = await runHush(['put', 'ssm:/profile/x', '--profile', 'dev'], {
      env: profileEnv,
      input: 'pv',
    });
    assert.equal(put.code, 0, put.stderr);
    const missing = await runHush(['get', 'ssm:/profile/x', '--profile', 'absent'], { env: profileEnv });
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
    assert.match(missing.stderr, /^hush: get: ssm:\/profile\/x: /);
  });
  it('put --from-file keeps the file exactly; --key picks the KMS key; --description is stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-put-'));
    const file = join(dir, 'cert.pem');
    writeFileSync(file, 'line one\nline two\n');
    const key = await server.kms().send(new CreateKeyCommand({}));
    const keyId = key.KeyMetadata?.KeyId ?? '';
    const put = await hush([
      'put',
      'ssm:/files/cert',
      '--from-file',
      file,
      '--key',
      keyId,
      '--description',
      'tls',
    ]);
    assert.equal(put.code, 0, put.stderr);
    const { Parameter } = await server
      .ssm()
      .send(new GetParameterCommand({ Name: '/files/cert', WithDecryption: true }));
    assert.equal(Parameter?.Value, 'line one\nline two\n');
    const described = await server
      .ssm()
      .send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/files/cert'] }] }));
    assert.equal(described.Parameters?.[0]?.KeyId, keyId);
    assert.equal(described.Parameters?.[0]?.Description, 'tls');
    const missingFile = await hush(['put', 'ssm:/files/none', '--from-file', join(dir, 'absent')]);
    assert.equal(missingFile.code, 1);
    assert.match(missingFile.stderr, /^hush: put: ssm:\/files\/none: ENOENT/);
  });
});
