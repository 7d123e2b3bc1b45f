/**
 * BlockKMSDecryptForAllResources end to end through SSM: `hush serve --strict`, the real SSM client.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { awsError } from '../support/hushServe.js';
import { ACCOUNT, KEYS } from './fixtures/strictConfig.js';
import { useStrictHushServe } from './fixtures/useStrictHushServe.js';

describe('hush serve --strict: SecureStrings and BlockKMSDecryptForAllResources', () => {
  const server = useStrictHushServe({ inMemory: true });
  const ssm = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
    new SSMClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  const VALUE = 'orders-db-password-77ab1';

  before(async () => {
    await ssm(KEYS.admin).send(
      new PutParameterCommand({ Name: '/orders/db-password', Type: 'SecureString', Value: VALUE }),
    );
  });

  it('the denied user cannot read the SecureString with decryption', async () => {
    const error = await awsError(() =>
      ssm(KEYS.alice).send(new GetParameterCommand({ Name: '/orders/db-password', WithDecryption: true })),
    );
    assert.equal(error.name, 'AccessDeniedException');
    assert.match(
      error.message,
      new RegExp(
        `^User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:${ACCOUNT}:key/[0-9a-f-]{36} with an explicit deny in an identity-based policy`,
      ),
    );
  });

  it('the function role reads it', async () => {
    const out = await ssm(KEYS.orders).send(
      new GetParameterCommand({ Name: '/orders/db-password', WithDecryption: true }),
    );
    assert.equal(out.Parameter?.Value, VALUE);
  });

  it('the audit log records both without the value', () => {
    const text = server.auditLog();
    assert.ok(!text.includes(VALUE));
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action?: string; decision: string; principal?: string });
    assert.ok(
      lines.some(
        (l) => l.action === 'kms:Decrypt' && l.decision === 'Deny' && l.principal?.endsWith('user/alice'),
      ),
    );
  });
});
