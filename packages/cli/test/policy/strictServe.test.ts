/**
 * The policy `hush policy` writes for a function, enforced by `hush serve --strict`: the function's
 * role reads every reference in its environment — through the hush runtime, as the function would —
 * and nothing of the other function; the BlockKMSDecryptForAllResources statement stops a person
 * from decrypting while its exception keeps the role working.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  GetParameterCommand,
  GetParametersByPathCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { AccessDeniedError, Hush } from 'hush';
import { awsError } from '../../../server/test/support/hushServe.js';
import { useHushServe } from '../../../server/test/support/useHushServe.js';
import { runHush } from '../support/runHush.js';
import { assertIamPolicy, type PolicyDocument } from './iamShape.js';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const SERVICE = join(import.meta.dirname, '../fixtures/policy/orders-service');
const FUNCTION_NAME = 'orders-service-prod-orders'; // service-stage-key, as the Serverless Framework names it
type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const ADMIN: Credentials = { accessKeyId: 'AKIAPOLICYADMIN', secretAccessKey: 'admin-secret' };
const ALICE: Credentials = { accessKeyId: 'AKIAPOLICYALICE', secretAccessKey: 'alice-secret' };
const ROLE: Credentials = {
  accessKeyId: 'ASIAPOLICYORDERS',
  secretAccessKey: 'orders-secret',
  sessionToken: 'orders-token',
};

async function generated(args: string[]): Promise<PolicyDocument> {
  const result = await runHush(['policy', SERVICE, '--region', REGION, '--account', ACCOUNT, ...args]);
  assert.equal(result.code, 0, result.stderr);
  const doc: unknown = JSON.parse(result.stdout);
  assertIamPolicy(doc);
  return doc;
}

describe('hush policy against hush serve --strict', () => {
  let dir: string;
  let signingKey: string;
  let otherFunctionsValue: string;
  const config = { endpoint: '', region: REGION, maxAttempts: 1 };
  const ssm = (credentials: Credentials) => new SSMClient({ ...config, endpoint: server.url, credentials });
  const kms = (credentials: Credentials) => new KMSClient({ ...config, endpoint: server.url, credentials });
  const secrets = (credentials: Credentials) =>
    new SecretsManagerClient({ ...config, endpoint: server.url, credentials });
  const runtime = () =>
    new Hush({
      endpoint: server.url,
      region: REGION,
      credentials: ROLE,
      env: { AWS_LAMBDA_FUNCTION_NAME: FUNCTION_NAME },
      retry: { maxAttempts: 1 },
    });

  const server = useHushServe(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hush-policy-strict-'));
    // The role gets the function's policy with the guard rail; its exception is the role itself.
    const rolePolicy = await generated(['--function', 'orders', '--deny-decrypt-except', 'orders-role']);
    const guard = rolePolicy.Statement.at(-1)!;
    assert.equal(guard.Effect, 'Deny');
    const auth = {
      accountId: ACCOUNT,
      users: [
        {
          name: 'admin',
          accessKeys: [ADMIN],
          policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
        },
        {
          name: 'alice',
          accessKeys: [ALICE],
          policies: [
            {
              Statement: [{ Effect: 'Allow', Action: ['ssm:*', 'kms:*', 'secretsmanager:*'], Resource: '*' }],
            },
            {
              name: 'BlockKMSDecryptForAllResources',
              document: { Version: '2012-10-17', Statement: [guard] },
            },
          ],
        },
      ],
      roles: [
        {
          name: 'orders-role',
          sessionName: FUNCTION_NAME,
          accessKeys: [{ ...ROLE, expiration: '2999-01-01T00:00:00Z' }],
          policies: [{ name: 'orders-fn', document: rolePolicy }],
        },
      ],
    };
    writeFileSync(join(dir, 'auth.json'), JSON.stringify(auth));
    return { inMemory: true, args: ['--strict', '--config', join(dir, 'auth.json')] };
  });
  before(async () => {
    const admin = ssm(ADMIN);
    const put = (Name: string, Value: string, Type: 'String' | 'SecureString' = 'SecureString') =>
      admin.send(new PutParameterCommand({ Name, Value, Type, Overwrite: true }));
    await put('/orders/db-password', 'orders-db-pw');
    for (const version of ['v1', 'v2', 'v3'])
      await put('/orders/api-url', `https://api/${version}`, 'String');
    await put('/orders/flags/beta', 'on', 'String');
    await put('/orders/flags/deep/limit', '42');
    await put('/reports/legacy-password', 'reports-pw');
    await secrets(ADMIN).send(
      new CreateSecretCommand({ Name: 'orders/stripe', SecretString: '{"apiKey":"sk-orders"}' }),
    );
    await secrets(ADMIN).send(
      new CreateSecretCommand({ Name: 'reports/token', SecretString: 'reports-token' }),
    );
    const key = await kms(ADMIN).send(new CreateKeyCommand({}));
    const encrypt = async (name: string, text: string) =>
      Buffer.from(
        (
          await kms(ADMIN).send(
            new EncryptCommand({
              KeyId: key.KeyMetadata!.KeyId!,
              Plaintext: Buffer.from(text),
              EncryptionContext: { LambdaFunctionName: name },
            }),
          )
        ).CiphertextBlob!,
      ).toString('base64');
    signingKey = await encrypt(FUNCTION_NAME, 'orders-signing-key');
    otherFunctionsValue = await encrypt('orders-service-prod-reports', 'reports-signing-key');
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('the runtime reads every reference in the orders function environment with the role', async () => {
    const hush = runtime();
    const values = await Promise.all([
      hush.resolve('ssm:/orders/db-password'),
      hush.resolve('ssm:/orders/api-url:3'),
      hush.resolve('secretsmanager:orders/stripe#apiKey'),
      hush.resolve('ssm:/orders/flags/?recursive'),
      hush.resolve(`kms:${signingKey}`),
    ]);
    assert.equal(values[0], 'orders-db-pw');
    assert.equal(values[1], 'https://api/v3');
    assert.equal(values[2], 'sk-orders');
    assert.deepEqual(values[3], { beta: 'on', 'deep/limit': '42' });
    assert.equal(values[4], 'orders-signing-key');
  });

  it('the role reads nothing of the reports function, nor another function’s env value', async () => {
    const hush = runtime();
    for (const reference of ['ssm:/reports/legacy-password', 'secretsmanager:reports/token']) {
      await assert.rejects(hush.resolve(reference), AccessDeniedError, reference);
    }
    const denied = [
      // The kms:EncryptionContext:LambdaFunctionName condition: another function's env value.
      await awsError(() =>
        kms(ROLE).send(
          new DecryptCommand({
            CiphertextBlob: Buffer.from(otherFunctionsValue, 'base64'),
            EncryptionContext: { LambdaFunctionName: 'orders-service-prod-reports' },
          }),
        ),
      ),
      await awsError(() => ssm(ROLE).send(new GetParameterCommand({ Name: '/reports/legacy-password' }))),
      await awsError(() => ssm(ROLE).send(new GetParametersByPathCommand({ Path: '/reports/' }))),
      await awsError(() => secrets(ROLE).send(new GetSecretValueCommand({ SecretId: 'reports/token' }))),
      await awsError(() =>
        ssm(ROLE).send(new PutParameterCommand({ Name: '/orders/x', Value: 'x', Type: 'String' })),
      ),
    ];
    for (const error of denied) assert.equal(error.name, 'AccessDeniedException', error.message);
  });

  it('the guard rail stops a person from decrypting, directly or through SSM, but not from reading plain values', async () => {
    const direct = await awsError(() =>
      kms(ALICE).send(
        new DecryptCommand({
          CiphertextBlob: Buffer.from(signingKey, 'base64'),
          EncryptionContext: { LambdaFunctionName: FUNCTION_NAME },
        }),
      ),
    );
    assert.equal(direct.name, 'AccessDeniedException');
    assert.match(direct.message, /with an explicit deny/);
    const viaSsm = await awsError(() =>
      ssm(ALICE).send(new GetParameterCommand({ Name: '/orders/db-password', WithDecryption: true })),
    );
    assert.equal(viaSsm.name, 'AccessDeniedException');
    const plain = await ssm(ALICE).send(new GetParameterCommand({ Name: '/orders/api-url' }));
    assert.equal(plain.Parameter?.Value, 'https://api/v3');
  });
});
