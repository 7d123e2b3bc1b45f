import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  BatchGetSecretValueCommand,
  type BatchGetSecretValueCommandOutput,
  CreateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { formatAuditLine } from '../../../cli/src/commands/audit.js';
import { awsError } from '../support/hushServe.js';
import type { Credentials } from './fixtures/controlClient.js';
import { ACCOUNT, KEYS } from './fixtures/strictConfig.js';
import { useStrictHushServe } from './fixtures/useStrictHushServe.js';

// Values the audit log and error messages must never contain.
const VALUES: Record<string, string> = {
  'team/a': 'team-a-value-7c1e',
  'team/b': 'team-b-value-51fd',
  'other/c': 'other-c-value-9a02',
  'team/d': 'team-d-value-e3b8',
};
const BATCH_ARN = `arn:aws:iam::${ACCOUNT}:user/batch`;
const VIA_SECRETS_MANAGER = 'secretsmanager.us-east-1.amazonaws.com';

describe('hush serve --strict: BatchGetSecretValue checks each secret as GetSecretValue would', () => {
  const server = useStrictHushServe({ inMemory: true });
  const arns: Record<string, string> = {};
  const sm = (credentials: Credentials) =>
    new SecretsManagerClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  const byName = (output: BatchGetSecretValueCommandOutput) => ({
    values: Object.fromEntries((output.SecretValues ?? []).map((v) => [v.Name, v.SecretString])),
    errors: Object.fromEntries((output.Errors ?? []).map((e) => [e.SecretId, [e.ErrorCode, e.Message]])),
  });

  before(async () => {
    const kms = new KMSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: KEYS.admin,
      maxAttempts: 1,
    });
    // team/d is under a customer managed key on which the batch user has no kms:Decrypt.
    const key = await kms.send(new CreateKeyCommand({ Description: 'team/d' }));
    for (const [name, value] of Object.entries(VALUES)) {
      const created = await sm(KEYS.admin).send(
        new CreateSecretCommand({
          Name: name,
          SecretString: value,
          ...(name === 'team/d' ? { KmsKeyId: key.KeyMetadata!.KeyId! } : {}),
        }),
      );
      arns[name] = created.ARN!;
    }
  });

  it('returns the secrets the caller may read and reports each refused one in Errors', async () => {
    const output = await sm(KEYS.batch).send(
      new BatchGetSecretValueCommand({
        SecretIdList: ['team/a', 'team/b', 'other/c', 'team/d', 'team/missing'],
      }),
    );
    assert.equal(output.$metadata.httpStatusCode, 200);
    assert.deepEqual(byName(output), {
      values: { 'team/a': VALUES['team/a'] },
      errors: {
        'team/b': [
          'AccessDeniedException',
          `User: ${BATCH_ARN} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${arns['team/b']} with an explicit deny in an identity-based policy`,
        ],
        'other/c': [
          'AccessDeniedException',
          `User: ${BATCH_ARN} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${arns['other/c']} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
        ],
        // Allowed GetSecretValue, refused kms:Decrypt: the message GetSecretValue gives for it.
        'team/d': ['AccessDeniedException', 'Access to KMS is not allowed'],
        // IAM allows team/*, so the caller learns the secret does not exist, as on AWS.
        'team/missing': ['ResourceNotFoundException', "Secrets Manager can't find the specified secret."],
      },
    });
  });

  it('checks each secret a filter selects, and needs secretsmanager:ListSecrets to filter', async () => {
    const filtered = await sm(KEYS.batch).send(
      new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['team/'] }] }),
    );
    const { values, errors } = byName(filtered);
    assert.deepEqual(values, { 'team/a': VALUES['team/a'] });
    assert.deepEqual(Object.keys(errors).sort(), [arns['team/b'], arns['team/d']].sort());

    const noList = await awsError(() =>
      sm(KEYS.batchNoList).send(
        new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['team/'] }] }),
      ),
    );
    assert.equal(noList.name, 'AccessDeniedException');
    assert.match(noList.message, /not authorized to perform: secretsmanager:ListSecrets on resource: \*/);
    const byIds = await sm(KEYS.batchNoList).send(
      new BatchGetSecretValueCommand({ SecretIdList: ['team/a'] }),
    );
    assert.deepEqual(
      byName(byIds).values,
      { 'team/a': VALUES['team/a'] },
      'a list of ids needs no ListSecrets',
    );
  });

  it('refuses the whole request without secretsmanager:BatchGetSecretValue', async () => {
    const error = await awsError(() =>
      sm(KEYS.alice).send(new BatchGetSecretValueCommand({ SecretIdList: ['team/a'] })),
    );
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(
      error.message,
      `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: secretsmanager:BatchGetSecretValue on resource: * because no identity-based policy allows the secretsmanager:BatchGetSecretValue action`,
    );
  });

  it('audits the request as allowed, with each secret’s checks and denials filed under that secret', () => {
    const text = server.auditLog();
    for (const value of Object.values(VALUES))
      assert.ok(!text.includes(value), 'a secret value reached the audit log');
    const record = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((r) => r.principal === BATCH_ARN && r.action === 'secretsmanager:BatchGetSecretValue');
    assert.ok(record, 'no audit line for the batch request');
    assert.equal(record.decision, 'Allow');
    assert.equal(record.status, 200);
    assert.deepEqual(record.statement, { policy: 'user/batch:TeamSecrets', sid: 'Batch', index: 0 });
    const checks = record.checks as {
      action: string;
      resource: string;
      decision: string;
      item?: string;
      viaService?: string;
    }[];
    const denied = checks.filter((c) => c.decision === 'Deny');
    assert.deepEqual(denied, [
      { action: 'secretsmanager:GetSecretValue', resource: arns['team/b'], decision: 'Deny', item: 'team/b' },
      {
        action: 'secretsmanager:GetSecretValue',
        resource: arns['other/c'],
        decision: 'Deny',
        item: 'other/c',
      },
      {
        action: 'kms:Decrypt',
        resource: denied[2]?.resource,
        decision: 'Deny',
        viaService: VIA_SECRETS_MANAGER,
        item: 'team/d',
      },
    ]);
    assert.match(String(denied[2]?.resource), /^arn:aws:kms:us-east-1:000000000000:key\//);
    assert.ok(
      checks.some((c) => c.item === 'team/a' && c.action === 'kms:Decrypt' && c.decision === 'Allow'),
      'the allowed secret’s own checks are filed under it too',
    );
  });

  it('hush audit shows each refused secret under the batch request', () => {
    const line = server
      .auditLog()
      .trim()
      .split('\n')
      .find((l) => l.includes(BATCH_ARN) && l.includes('secretsmanager:BatchGetSecretValue'));
    assert.ok(line, 'no audit line for the batch request');
    const rows = formatAuditLine(line).split('\n');
    assert.match(
      rows[0]!,
      /ALLOW\s+arn:aws:iam::000000000000:user\/batch\s+secretsmanager:BatchGetSecretValue/,
    );
    assert.deepEqual(rows.slice(1), [
      `    item team/b: DENY  secretsmanager:GetSecretValue on ${arns['team/b']}`,
      `    item other/c: DENY  secretsmanager:GetSecretValue on ${arns['other/c']}`,
      rows[3],
    ]);
    assert.match(
      rows[3]!,
      /^ {4}item team\/d: DENY {2}kms:Decrypt on arn:aws:kms:us-east-1:000000000000:key\/\S+ via secretsmanager\.us-east-1\.amazonaws\.com$/,
    );
  });
});
