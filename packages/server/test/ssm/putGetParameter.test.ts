import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import {
  GetParameterCommand,
  GetParametersCommand,
  PutParameterCommand,
  type PutParameterCommandInput,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { awsError } from '../support/hushServe.js';
import { storeDigest } from '../support/storeDigest.js';
import { useHushServe } from '../support/useHushServe.js';
import { disableKey } from './kmsKeyState.js';

const ARN_PREFIX = 'arn:aws:ssm:us-east-1:000000000000:parameter';

describe('SSM PutParameter, GetParameter, GetParameters', () => {
  // A data dir rather than memory: failed requests are checked against the bytes of the store.
  const server = useHushServe();
  let ssm: SSMClient;
  const put = (input: PutParameterCommandInput) => ssm.send(new PutParameterCommand(input));
  const get = (Name: string, WithDecryption = false) =>
    ssm.send(new GetParameterCommand({ Name, WithDecryption }));
  /** Runs a call that must fail, checks the store is byte-for-byte unchanged, returns the error. */
  const failsWithoutChange = async (call: () => Promise<unknown>) => {
    const before = storeDigest(server.dataDir);
    const error = await awsError(call);
    assert.equal(storeDigest(server.dataDir), before, 'a failed request changed the store');
    assert.equal(error.status, 400);
    return error;
  };

  before(() => {
    ssm = server.ssm();
  });

  it('puts and gets a String, returning version, tier and the full Parameter shape', async () => {
    const out = await put({ Name: '/app/url', Value: 'https://example.com', Type: 'String' });
    assert.equal(out.Version, 1);
    assert.equal(out.Tier, 'Standard');
    const { Parameter } = await get('/app/url');
    assert.equal(Parameter?.Name, '/app/url');
    assert.equal(Parameter?.Type, 'String');
    assert.equal(Parameter?.Value, 'https://example.com');
    assert.equal(Parameter?.Version, 1);
    assert.equal(Parameter?.DataType, 'text');
    assert.equal(Parameter?.ARN, `${ARN_PREFIX}/app/url`);
    assert.ok(Parameter?.LastModifiedDate instanceof Date);
    assert.ok(Math.abs(Parameter.LastModifiedDate.getTime() - Date.now()) < 60_000);
    assert.equal(Parameter?.Selector, undefined);
    assert.equal(Parameter?.SourceResult, undefined);
  });

  it('keeps a StringList as the comma-separated string', async () => {
    await put({ Name: 'hosts', Value: 'a,b,c', Type: 'StringList' });
    const { Parameter } = await get('hosts');
    assert.equal(Parameter?.Type, 'StringList');
    assert.equal(Parameter?.Value, 'a,b,c');
    assert.equal(Parameter?.ARN, `${ARN_PREFIX}/hosts`);
  });

  it('encrypts a SecureString with alias/aws/ssm by default and decrypts only when asked', async () => {
    await put({ Name: '/app/db/password', Value: 'hunter2-secret', Type: 'SecureString' });
    const plain = await get('/app/db/password', true);
    assert.equal(plain.Parameter?.Value, 'hunter2-secret');
    const sealed = await get('/app/db/password');
    assert.notEqual(sealed.Parameter?.Value, 'hunter2-secret');
    assert.ok(!Buffer.from(sealed.Parameter!.Value!, 'base64').toString('latin1').includes('hunter2'));
  });

  it('binds the ciphertext to the parameter ARN (KMS decrypt needs the PARAMETER_ARN context)', async () => {
    const sealed = await get('/app/db/password');
    const blob = Buffer.from(sealed.Parameter!.Value!, 'base64');
    const { DecryptCommand } = await import('@aws-sdk/client-kms');
    const kms = server.kms();
    const without = await awsError(() => kms.send(new DecryptCommand({ CiphertextBlob: blob })));
    assert.equal(without.name, 'InvalidCiphertextException');
    const withContext = await kms.send(
      new DecryptCommand({
        CiphertextBlob: blob,
        EncryptionContext: { PARAMETER_ARN: `${ARN_PREFIX}/app/db/password` },
      }),
    );
    assert.equal(Buffer.from(withContext.Plaintext!).toString(), 'hunter2-secret');
  });

  it('encrypts with a customer key named by id or ARN', async () => {
    const key = await server.kms().send(new CreateKeyCommand({ Description: 'ssm test' }));
    const keyId = key.KeyMetadata!.KeyId!;
    await put({ Name: '/app/cmk/by-id', Value: 'v-id', Type: 'SecureString', KeyId: keyId });
    await put({
      Name: '/app/cmk/by-arn',
      Value: 'v-arn',
      Type: 'SecureString',
      KeyId: key.KeyMetadata!.Arn!,
    });
    assert.equal((await get('/app/cmk/by-id', true)).Parameter?.Value, 'v-id');
    assert.equal((await get('/app/cmk/by-arn', true)).Parameter?.Value, 'v-arn');
    // An overwrite that names no key keeps the key of the version it replaces.
    await put({ Name: '/app/cmk/by-id', Value: 'v-id-2', Overwrite: true });
    const { DescribeParametersCommand } = await import('@aws-sdk/client-ssm');
    const described = await ssm.send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/app/cmk/by-id'] }] }),
    );
    assert.equal(described.Parameters?.[0]?.KeyId, keyId);
    assert.equal(described.Parameters?.[0]?.Version, 2);
    assert.equal((await get('/app/cmk/by-id', true)).Parameter?.Value, 'v-id-2');
  });

  it('answers a SecureString under an unknown key with InvalidKeyId quoting KMS', async () => {
    const missing = '11111111-2222-3333-4444-555555555555';
    const byId = await failsWithoutChange(() =>
      put({ Name: '/app/badkey', Value: 'x', Type: 'SecureString', KeyId: missing }),
    );
    assert.equal(byId.name, 'InvalidKeyId');
    assert.match(
      byId.message,
      new RegExp(
        `^Key 'arn:aws:kms:us-east-1:000000000000:key/${missing}' does not exist \\(Service: AWSKMS; Status Code: 400; Error Code: NotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\\)$`,
      ),
    );
    const byAlias = await failsWithoutChange(() =>
      put({ Name: '/app/badkey', Value: 'x', Type: 'SecureString', KeyId: 'alias/nope' }),
    );
    assert.equal(byAlias.name, 'InvalidKeyId');
    assert.match(
      byAlias.message,
      /^Alias arn:aws:kms:us-east-1:000000000000:alias\/nope is not found\. \(Service: AWSKMS;/,
    );
    assert.equal((await awsError(() => get('/app/badkey'))).name, 'ParameterNotFound');
  });

  it('refuses to encrypt with a disabled key, and cannot decrypt once its key is disabled', async () => {
    const key = await server.kms().send(new CreateKeyCommand({}));
    const keyId = key.KeyMetadata!.KeyId!;
    await put({ Name: '/app/disabled/old', Value: 'before-disable', Type: 'SecureString', KeyId: keyId });
    await disableKey(server, keyId);
    const write = await failsWithoutChange(() =>
      put({ Name: '/app/disabled/new', Value: 'x', Type: 'SecureString', KeyId: keyId }),
    );
    assert.equal(write.name, 'InvalidKeyId');
    assert.match(
      write.message,
      /is disabled\. \(Service: AWSKMS; Status Code: 400; Error Code: DisabledException;/,
    );
    const read = await awsError(() => get('/app/disabled/old', true));
    assert.equal(read.name, 'InvalidKeyId');
    assert.match(read.message, /Error Code: DisabledException/);
    assert.ok(!read.message.includes('before-disable'));
    // Without decryption the ciphertext is still readable.
    assert.equal((await get('/app/disabled/old')).Parameter?.Type, 'SecureString');
  });

  it('overwrites only with Overwrite, keeping the previous AllowedPattern', async () => {
    await put({
      Name: '/app/over',
      Value: 'one',
      Type: 'String',
      Description: 'first',
      AllowedPattern: '^[a-z]+$',
    });
    const refused = await failsWithoutChange(() => put({ Name: '/app/over', Value: 'two', Type: 'String' }));
    assert.equal(refused.name, 'ParameterAlreadyExists');
    assert.equal(
      refused.message,
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
    const out = await put({ Name: '/app/over', Value: 'two', Overwrite: true });
    assert.equal(out.Version, 2);
    const mismatch = await failsWithoutChange(() =>
      put({ Name: '/app/over', Value: 'TWO', Overwrite: true }),
    );
    assert.equal(mismatch.name, 'ParameterPatternMismatchException');
    assert.equal(mismatch.message, 'Parameter value, cannot be validated against allowedPattern: ^[a-z]+$');
    assert.equal((await get('/app/over')).Parameter?.Value, 'two');
  });

  it('checks AllowedPattern without echoing a SecureString value', async () => {
    const error = await failsWithoutChange(() =>
      put({ Name: '/app/pin', Value: 'not-digits-secret', Type: 'SecureString', AllowedPattern: '^\\d+$' }),
    );
    assert.equal(error.name, 'ParameterPatternMismatchException');
    assert.ok(!error.message.includes('not-digits-secret'));
    await put({ Name: '/app/pin', Value: '1234', Type: 'SecureString', AllowedPattern: '^\\d+$' });
    assert.equal((await get('/app/pin', true)).Parameter?.Value, '1234');
  });

  it('refuses Tags together with Overwrite', async () => {
    const error = await failsWithoutChange(() =>
      put({ Name: '/app/url', Value: 'x', Overwrite: true, Tags: [{ Key: 'k', Value: 'v' }] }),
    );
    assert.equal(error.name, 'ValidationException');
    assert.equal(
      error.message,
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  });

  it('requires a Type for a new parameter', async () => {
    const error = await failsWithoutChange(() => put({ Name: '/app/untyped', Value: 'x' }));
    assert.equal(error.name, 'ValidationException');
    assert.equal(error.message, 'A parameter type is required when you create a parameter.');
  });

  it('enforces the 4 KB Standard and 8 KB Advanced limits; Intelligent-Tiering picks the tier', async () => {
    const big = 'x'.repeat(4097);
    const standard = await failsWithoutChange(() => put({ Name: '/app/big', Value: big, Type: 'String' }));
    assert.equal(standard.name, 'ValidationException');
    assert.equal(
      standard.message,
      'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    );
    assert.equal(
      (await put({ Name: '/app/edge', Value: 'y'.repeat(4096), Type: 'String' })).Tier,
      'Standard',
    );
    assert.equal(
      (await put({ Name: '/app/big', Value: big, Type: 'String', Tier: 'Advanced' })).Tier,
      'Advanced',
    );
    const advanced = await failsWithoutChange(() =>
      put({ Name: '/app/huge', Value: 'z'.repeat(8193), Type: 'String', Tier: 'Advanced' }),
    );
    assert.equal(advanced.name, 'ValidationException');
    const small = await put({
      Name: '/app/it-small',
      Value: 'v',
      Type: 'String',
      Tier: 'Intelligent-Tiering',
    });
    assert.equal(small.Tier, 'Standard');
    const large = await put({
      Name: '/app/it-large',
      Value: big,
      Type: 'String',
      Tier: 'Intelligent-Tiering',
    });
    assert.equal(large.Tier, 'Advanced');
    const downgrade = await failsWithoutChange(() =>
      put({ Name: '/app/big', Value: 'short', Overwrite: true, Tier: 'Standard' }),
    );
    assert.equal(downgrade.name, 'ValidationException');
    assert.match(downgrade.message, /can't downgrade a parameter from the advanced-parameter tier/);
  });

  it('rejects a value over 32768 characters and an empty value in validation wording', async () => {
    const error = await failsWithoutChange(() => put({ Name: '/app/v', Value: '', Type: 'String' }));
    assert.equal(error.name, 'ValidationException');
    assert.equal(
      error.message,
      "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    const tooBig = await failsWithoutChange(() =>
      put({ Name: '/app/v', Value: 's'.repeat(32769), Type: 'String', Tier: 'Advanced' }),
    );
    assert.equal(
      tooBig.message,
      "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to 32768",
    );
  });

  it('accepts the documented data types and refuses others', async () => {
    const ami = await put({
      Name: '/app/ami',
      Value: 'ami-0123456789abcdef0',
      Type: 'String',
      DataType: 'aws:ec2:image',
    });
    assert.equal(ami.Version, 1);
    assert.equal((await get('/app/ami')).Parameter?.DataType, 'aws:ec2:image');
    const unknown = await failsWithoutChange(() =>
      put({ Name: '/app/dt', Value: 'x', Type: 'String', DataType: 'Text' }),
    );
    assert.equal(unknown.name, 'ValidationException');
    assert.equal(
      unknown.message,
      'The following data type is not supported: Text (Data type names are all lowercase.)',
    );
    const wrongType = await failsWithoutChange(() =>
      put({
        Name: '/app/dt',
        Value: 'ami-0123456789abcdef0',
        Type: 'SecureString',
        DataType: 'aws:ec2:image',
      }),
    );
    assert.equal(wrongType.name, 'UnsupportedParameterType');
  });

  it('applies the name rules: qualified paths, reserved prefixes, characters, 15 levels', async () => {
    const cases: [string, string, string | RegExp][] = [
      ['app/relative', 'ValidationException', 'Parameter name must be a fully qualified name.'],
      [
        'awsThing',
        'ValidationException',
        'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
      ],
      [
        'SSMthing',
        'ValidationException',
        'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
      ],
      [
        '/ssm/x',
        'ValidationException',
        /^Parameter name: can't be prefixed with "ssm" \(case-insensitive\)\. If formed as a path/,
      ],
      ['/aws/x', 'AccessDeniedException', 'No access to reserved parameter name: /aws/x.'],
      ['/AWS/x', 'AccessDeniedException', 'No access to reserved parameter name: /AWS/x.'],
      ['/app/has space', 'ValidationException', /^Parameter name: can't be prefixed with "ssm"/],
      ['/app//double', 'ValidationException', /^Parameter name: can't be prefixed with "ssm"/],
      ['/app/hash#', 'ValidationException', /^Parameter name: can't be prefixed with "ssm"/],
      [
        `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`,
        'HierarchyLevelLimitExceededException',
        /^A hierarchy can have a maximum of 15 levels\./,
      ],
    ];
    for (const [Name, code, message] of cases) {
      const error = await failsWithoutChange(() => put({ Name, Value: 'v', Type: 'String' }));
      assert.equal(error.name, code, Name);
      if (typeof message === 'string') assert.equal(error.message, message, Name);
      else assert.match(error.message, message, Name);
    }
    const fifteen = `/${Array.from({ length: 15 }, (_, i) => `l${i}`).join('/')}`;
    assert.equal((await put({ Name: fifteen, Value: 'v', Type: 'String' })).Version, 1);
    const tooLong = await failsWithoutChange(() =>
      put({ Name: `/${'n'.repeat(2048)}`, Value: 'v', Type: 'String' }),
    );
    assert.equal(tooLong.name, 'ValidationException');
    assert.match(
      tooLong.message,
      /at 'name' failed to satisfy constraint: Member must have length less than or equal to 2048$/,
    );
  });

  it('reports bad members in AWS validation wording, never echoing the value', async () => {
    const error = await failsWithoutChange(() =>
      put({ Name: '', Value: 'secret-in-bad-request', Type: 'Text' as 'String', KeyId: 'bad key!' }),
    );
    assert.equal(error.name, 'ValidationException');
    assert.match(error.message, /^3 validation errors detected: /);
    assert.match(
      error.message,
      /Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    );
    assert.match(
      error.message,
      /Value 'Text' at 'type' failed to satisfy constraint: Member must satisfy enum value set: \[String, StringList, SecureString\]/,
    );
    assert.match(
      error.message,
      /Value 'bad key!' at 'keyId' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    assert.ok(!error.message.includes('secret-in-bad-request'));
  });

  it('reads versions and labels with selectors, and by ARN', async () => {
    await put({ Name: '/app/sel', Value: 'v1', Type: 'String' });
    await put({ Name: '/app/sel', Value: 'v2', Type: 'String', Overwrite: true });
    const { LabelParameterVersionCommand } = await import('@aws-sdk/client-ssm');
    await ssm.send(
      new LabelParameterVersionCommand({ Name: '/app/sel', ParameterVersion: 1, Labels: ['stable'] }),
    );
    const v1 = await get('/app/sel:1');
    assert.equal(v1.Parameter?.Value, 'v1');
    assert.equal(v1.Parameter?.Version, 1);
    assert.equal(v1.Parameter?.Selector, ':1');
    assert.equal(v1.Parameter?.Name, '/app/sel');
    const stable = await get('/app/sel:stable');
    assert.equal(stable.Parameter?.Value, 'v1');
    assert.equal(stable.Parameter?.Selector, ':stable');
    const byArn = await get(`${ARN_PREFIX}/app/sel`);
    assert.equal(byArn.Parameter?.Name, '/app/sel');
    assert.equal(byArn.Parameter?.Value, 'v2');
    assert.equal((await get(`${ARN_PREFIX}/app/sel:1`)).Parameter?.Value, 'v1');
    assert.equal((await get(`${ARN_PREFIX}/hosts`)).Parameter?.Name, 'hosts');
  });

  it('answers missing names, versions and labels with AWS errors', async () => {
    const missing = await awsError(() => get('/app/missing'));
    assert.equal(missing.name, 'ParameterNotFound');
    assert.equal(missing.status, 400);
    const version = await awsError(() => get('/app/sel:9'));
    assert.equal(version.name, 'ParameterVersionNotFound');
    assert.equal(
      version.message,
      'Systems Manager could not find version 9 of /app/sel. Verify the version and try again.',
    );
    assert.equal((await awsError(() => get('/app/sel:nolabel'))).name, 'ParameterNotFound');
    assert.equal(
      (await awsError(() => get('arn:aws:ssm:eu-west-1:000000000000:parameter/app/sel'))).name,
      'ParameterNotFound',
    );
  });

  it('GetParameters returns found parameters and lists the rest as InvalidParameters', async () => {
    const out = await ssm.send(
      new GetParametersCommand({
        Names: ['/app/url', '/app/db/password', '/app/missing', '/app/sel:1', '/app/sel:7', '/app/url'],
        WithDecryption: true,
      }),
    );
    assert.deepEqual(
      out.Parameters?.map((p) => [p.Name, p.Value, p.Selector]),
      [
        ['/app/url', 'https://example.com', undefined],
        ['/app/db/password', 'hunter2-secret', undefined],
        ['/app/sel', 'v1', ':1'],
      ],
    );
    assert.deepEqual(out.InvalidParameters, ['/app/missing', '/app/sel:7']);
    const none = await ssm.send(new GetParametersCommand({ Names: ['/nothing'] }));
    assert.deepEqual(none.Parameters, []);
    assert.deepEqual(none.InvalidParameters, ['/nothing']);
  });

  it('GetParameters takes at most 10 names', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `/p${i}`);
    const error = await awsError(() => ssm.send(new GetParametersCommand({ Names: names })));
    assert.equal(error.name, 'ValidationException');
    assert.equal(
      error.message,
      `1 validation error detected: Value '[${names.join(', ')}]' at 'names' failed to satisfy constraint: Member must have length less than or equal to 10`,
    );
  });

  it('sends names under /aws/reference/secretsmanager/ to Secrets Manager', async () => {
    const single = await awsError(() => get('/aws/reference/secretsmanager/no-such-secret', true));
    assert.equal(single.name, 'ParameterNotFound');
    const batch = await ssm.send(
      new GetParametersCommand({
        Names: ['/aws/reference/secretsmanager/no-such-secret'],
        WithDecryption: true,
      }),
    );
    assert.deepEqual(batch.InvalidParameters, ['/aws/reference/secretsmanager/no-such-secret']);
  });

  it('never prints a SecureString value', () => {
    for (const secret of ['hunter2-secret', 'before-disable', 'not-digits-secret', 'secret-in-bad-request']) {
      assert.ok(!server.output().includes(secret));
    }
  });
});
