/**
 * KMS calls a service makes on the caller's behalf. The SSM operations are being written elsewhere,
 * so this file runs the real pipeline, strict-mode hooks, KMS engine and SSM client against a small
 * stand-in `GetParameter` that does what SSM's does with a SecureString: decrypt the stored
 * ciphertext through `ctx.kms` with the `PARAMETER_ARN` encryption context.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { parameterArn } from '../../src/auth/access/ssmAccess.js';
import { parseAuthConfig } from '../../src/auth/config.js';
import { strictModeHooks } from '../../src/auth/strictMode.js';
import { createRequestHandler } from '../../src/http/handleRequest.js';
import { KmsEngine } from '../../src/kms/engine.js';
import { kmsService } from '../../src/kms/service.js';
import { defineOperation } from '../../src/protocol/operation.js';
import { Router, type Service } from '../../src/protocol/services.js';
import { boolean, string, structure } from '../../src/protocol/shape.js';
import { Store } from '../../src/store/store.js';
import { awsError } from '../support/hushServe.js';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const scope = { region: REGION, account: ACCOUNT };

/** name → (key id, ciphertext) of the SecureStrings the stand-in serves. */
const parameters = new Map<string, { keyId: string; ciphertext: Buffer }>();

const standInSsm: Service = {
  targetPrefix: 'AmazonSSM',
  signingName: 'ssm',
  migrations: [],
  operations: [
    defineOperation({
      name: 'GetParameter',
      input: structure({ Name: string({ required: true }), WithDecryption: boolean() }),
      handle(input, ctx) {
        const stored = parameters.get(input.Name)!;
        const arn = parameterArn(scope, input.Name);
        const value = input.WithDecryption
          ? ctx.kms.decrypt(scope, stored.ciphertext, { PARAMETER_ARN: arn }, ctx.now).plaintext.toString()
          : stored.ciphertext.toString('base64');
        return { Parameter: { Name: input.Name, Type: 'SecureString', Value: value, ARN: arn } };
      },
    }),
  ],
};

const allowAll = { Statement: [{ Effect: 'Allow', Action: ['ssm:*', 'kms:*'], Resource: '*' }] };
const CONFIG = {
  users: [
    {
      name: 'alice',
      accessKeys: [{ accessKeyId: 'AKIAALICE', secretAccessKey: 'alice-secret' }],
      policies: [
        { name: 'Operator', document: allowAll },
        {
          name: 'BlockKMSDecryptForAllResources',
          document: {
            Statement: [
              { Sid: 'BlockKMSDecryptForAllResources', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' },
            ],
          },
        },
      ],
    },
    {
      name: 'reader',
      accessKeys: [{ accessKeyId: 'AKIAREADER', secretAccessKey: 'reader-secret' }],
      policies: [
        {
          Statement: [
            { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: 'arn:aws:ssm:*:*:parameter/orders/*' },
          ],
        },
      ],
    },
  ],
  roles: [
    {
      name: 'orders-role',
      sessionName: 'orders',
      accessKeys: [
        { accessKeyId: 'ASIAORDERS', secretAccessKey: 'orders-secret', sessionToken: 'orders-token' },
      ],
      policies: [
        {
          Statement: [
            { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: 'arn:aws:ssm:*:*:parameter/orders/*' },
            {
              Sid: 'DecryptThroughSsmOnly',
              Effect: 'Allow',
              Action: 'kms:Decrypt',
              Resource: '*',
              Condition: { StringEquals: { 'kms:ViaService': `ssm.${REGION}.amazonaws.com` } },
            },
          ],
        },
      ],
    },
  ],
};

describe('kms:Decrypt on behalf of SSM (strict mode)', () => {
  let server: Server;
  let store: Store;
  let url: string;
  let customerKeyArn: string;
  let managedKeyArn: string;
  const client = <C>(
    Client: new (config: object) => C,
    accessKeyId: string,
    secretAccessKey: string,
    sessionToken?: string,
  ) =>
    new Client({
      endpoint: url,
      region: REGION,
      credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
      maxAttempts: 1,
    });
  const get = (ssm: SSMClient, name: string, WithDecryption = true) =>
    ssm.send(new GetParameterCommand({ Name: name, WithDecryption }));

  before(async () => {
    store = new Store({ dataDir: '', inMemory: true });
    store.migrate(kmsService.migrations);
    const kms = new KmsEngine(store, randomBytes(32));
    const managed = kms.awsManagedKey(scope, 'alias/aws/ssm', new Date());
    const customer = kms.createKey(scope, { now: new Date() });
    managedKeyArn = managed.arn;
    customerKeyArn = customer.arn;
    for (const [name, key] of [
      ['/orders/db-password', managed],
      ['/orders/api-token', customer],
    ] as const) {
      const ciphertext = kms.encrypt(key, Buffer.from(`value-of-${name}`), {
        PARAMETER_ARN: parameterArn(scope, name),
      });
      parameters.set(name, { keyId: key.id, ciphertext });
    }
    const handler = createRequestHandler({
      router: new Router([standInSsm, kmsService]),
      store,
      kms,
      services: { get: () => undefined as never },
      accountId: ACCOUNT,
      maxBodyBytes: 1 << 20,
      hooks: [strictModeHooks(parseAuthConfig(CONFIG, ACCOUNT), { store, kms })],
    });
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    store.close();
  });

  it('BlockKMSDecryptForAllResources stops the user reading a SecureString with decryption', async () => {
    const error = await awsError(() =>
      get(client(SSMClient, 'AKIAALICE', 'alice-secret'), '/orders/db-password'),
    );
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(error.status, 400);
    assert.match(
      error.message,
      new RegExp(
        `^User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: kms:Decrypt on resource: ${managedKeyArn} with an explicit deny in an identity-based policy \\(Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: [0-9a-f-]{36}; Proxy: null\\)$`,
      ),
    );
  });

  it('the same user still reads the parameter without decryption', async () => {
    const out = await get(client(SSMClient, 'AKIAALICE', 'alice-secret'), '/orders/db-password', false);
    assert.equal(out.Parameter?.Name, '/orders/db-password');
    assert.notEqual(out.Parameter?.Value, 'value-of-/orders/db-password');
  });

  it('the aws/ssm key lets any principal of the account decrypt through SSM, as on AWS', async () => {
    const out = await get(client(SSMClient, 'AKIAREADER', 'reader-secret'), '/orders/db-password');
    assert.equal(out.Parameter?.Value, 'value-of-/orders/db-password');
  });

  it('a customer key with the default key policy needs kms:Decrypt in an identity policy', async () => {
    const error = await awsError(() =>
      get(client(SSMClient, 'AKIAREADER', 'reader-secret'), '/orders/api-token'),
    );
    assert.equal(error.name, 'AccessDeniedException');
    assert.match(
      error.message,
      new RegExp(
        `^User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: kms:Decrypt on resource: ${customerKeyArn} because no identity-based policy allows the kms:Decrypt action \\(Service: AWSKMS;`,
      ),
    );
  });

  it('a role allowed kms:Decrypt with kms:ViaService decrypts through SSM…', async () => {
    const out = await get(
      client(SSMClient, 'ASIAORDERS', 'orders-secret', 'orders-token'),
      '/orders/api-token',
    );
    assert.equal(out.Parameter?.Value, 'value-of-/orders/api-token');
  });

  it('…but not directly through KMS', async () => {
    const kms = client(KMSClient, 'ASIAORDERS', 'orders-secret', 'orders-token');
    const error = await awsError(() =>
      kms.send(
        new DecryptCommand({
          CiphertextBlob: parameters.get('/orders/api-token')!.ciphertext,
          EncryptionContext: { PARAMETER_ARN: parameterArn(scope, '/orders/api-token') },
        }),
      ),
    );
    assert.equal(error.name, 'AccessDeniedException');
    assert.match(
      error.message,
      /assumed-role\/orders-role\/orders is not authorized to perform: kms:Decrypt/,
    );
  });

  it('the SSM action itself is checked first', async () => {
    parameters.set('/admin/root', parameters.get('/orders/db-password')!);
    const error = await awsError(() => get(client(SSMClient, 'AKIAREADER', 'reader-secret'), '/admin/root'));
    assert.equal(
      error.message,
      `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/admin/root because no identity-based policy allows the ssm:GetParameter action`,
    );
  });
});
