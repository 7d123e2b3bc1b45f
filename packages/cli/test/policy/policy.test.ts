/** `hush policy` through the real binary: the statements for the fixtures' functions and for --ref. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { parsePolicy } from '../../../server/src/auth/policy/document.js';
import { runHush } from '../support/runHush.js';
import { actionsOf, assertIamPolicy, type PolicyDocument, resourcesOf } from './iamShape.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/policy');
const ACCOUNT = ['--region', 'eu-west-1', '--account', '111122223333'];

async function policyJson(args: string[]): Promise<PolicyDocument> {
  const result = await runHush(['policy', ...args]);
  assert.equal(result.code, 0, result.stderr);
  const doc: unknown = JSON.parse(result.stdout);
  assertIamPolicy(doc);
  parsePolicy(doc, 'generated'); // hush serve's strict-mode parser accepts it too
  return doc;
}

describe('hush policy: Serverless service', () => {
  const service = join(FIXTURES, 'orders-service');

  it('grants the orders function exactly its parameters, path, secret and env key', async () => {
    const doc = await policyJson([service, '--function', 'orders', ...ACCOUNT]);
    assert.deepEqual(
      doc.Statement.map((s) => s.Sid),
      [
        'ReadParameters',
        'ReadParameterPaths',
        'ReadSecrets',
        'BatchReadSecrets',
        'DecryptThroughParameterStoreAndSecretsManager',
        'DecryptEnvironmentVariables',
      ],
    );
    assert.deepEqual(actionsOf(doc, 'ReadParameters'), ['ssm:GetParameter', 'ssm:GetParameters']);
    assert.deepEqual(resourcesOf(doc, 'ReadParameters'), [
      'arn:aws:ssm:eu-west-1:111122223333:parameter/orders/api-url',
      'arn:aws:ssm:eu-west-1:111122223333:parameter/orders/db-password',
    ]);
    assert.deepEqual(resourcesOf(doc, 'ReadParameterPaths'), [
      'arn:aws:ssm:eu-west-1:111122223333:parameter/orders/flags',
    ]);
    // Through ${self:custom.stripeKey}; the #apiKey field does not change the resource.
    assert.deepEqual(resourcesOf(doc, 'ReadSecrets'), [
      'arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/stripe-??????',
    ]);
    assert.deepEqual(resourcesOf(doc, 'BatchReadSecrets'), ['*']);
    const viaService = doc.Statement.find((s) => s.Sid === 'DecryptThroughParameterStoreAndSecretsManager')!;
    assert.deepEqual(viaService.Condition, {
      StringEquals: {
        'kms:ViaService': ['secretsmanager.eu-west-1.amazonaws.com', 'ssm.eu-west-1.amazonaws.com'],
      },
    });
    const envKey = doc.Statement.find((s) => s.Sid === 'DecryptEnvironmentVariables')!;
    assert.deepEqual(envKey.Condition, {
      StringEquals: { 'kms:EncryptionContext:LambdaFunctionName': 'orders-service-prod-orders' },
    });
    assert.ok(!JSON.stringify(doc).includes('reports'), 'nothing of the reports function');
  });

  it('the reports function: its secret, and its deploy-time ${ssm:} as the runtime read, with a note', async () => {
    const result = await runHush(['policy', service, '--function', 'reports', ...ACCOUNT]);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout) as PolicyDocument;
    assertIamPolicy(doc);
    assert.deepEqual(resourcesOf(doc, 'ReadParameters'), [
      'arn:aws:ssm:eu-west-1:111122223333:parameter/reports/legacy-password',
    ]);
    assert.deepEqual(resourcesOf(doc, 'ReadSecrets'), [
      'arn:aws:secretsmanager:eu-west-1:111122223333:secret:reports/token-??????',
    ]);
    assert.ok(!doc.Statement.some((s) => s.Sid === 'DecryptEnvironmentVariables'));
    assert.match(
      result.stderr,
      /reports\.LEGACY_PASSWORD uses \$\{ssm:\/reports\/legacy-password\}, resolved at deploy time/,
    );
  });

  it('--format serverless: provider.iam.role.statements with ${aws:region}/${aws:accountId} placeholders', async () => {
    const result = await runHush(['policy', service, '--format', 'serverless', '--function', 'orders']);
    assert.equal(result.code, 0, result.stderr);
    const snippet = parse(result.stdout) as { provider: { iam: { role: { statements: unknown[] } } } };
    const statements = snippet.provider.iam.role.statements;
    assertIamPolicy({ Version: '2012-10-17', Statement: statements });
    assert.ok(
      result.stdout.includes('arn:aws:ssm:${aws:region}:${aws:accountId}:parameter/orders/db-password'),
    );
    assert.ok(result.stdout.includes('ssm.${aws:region}.amazonaws.com'));
    assert.match(result.stderr, /no --region or --account/);
  });

  it('--deny-decrypt-except adds a Deny kms:Decrypt with a StringNotLike aws:PrincipalArn exception', async () => {
    const doc = await policyJson([
      service,
      '--function',
      'orders',
      ...ACCOUNT,
      '--deny-decrypt-except',
      'orders-role',
      'arn:aws:iam::111122223333:role/breakglass-*',
    ]);
    assert.deepEqual(doc.Statement.at(-1), {
      Sid: 'BlockKMSDecryptForAllResources',
      Effect: 'Deny',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        StringNotLike: {
          'aws:PrincipalArn': [
            'arn:aws:iam::111122223333:role/orders-role',
            'arn:aws:iam::111122223333:role/breakglass-*',
          ],
        },
      },
    });
  });

  it('an unknown --function is a usage error naming the functions found', async () => {
    const result = await runHush(['policy', service, '--function', 'nope']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /nope: no such function \(found: orders, reports\)/);
    assert.equal(result.stdout, '');
  });
});

describe('hush policy: SAM and CloudFormation', () => {
  it('SAM: Globals env for each function, the function key and name for kms: values, !Sub placeholders', async () => {
    const result = await runHush([
      'policy',
      join(FIXTURES, 'sam-app'),
      '--format',
      'sam',
      '--function',
      'ChargeFunction',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /Resource: !Sub arn:aws:ssm:\$\{AWS::Region\}:\$\{AWS::AccountId\}:parameter\/payments\/shared-config/,
    );
    assert.match(result.stdout, /Version: '2012-10-17'/);
    const snippet = parse(result.stdout, {
      customTags: [{ tag: '!Sub', resolve: (v: string) => v }],
    }) as { Policies: PolicyDocument[] };
    assert.equal(snippet.Policies.length, 1);
    const doc = snippet.Policies[0]!;
    assertIamPolicy(doc);
    assert.deepEqual(resourcesOf(doc, 'ReadSecrets'), [
      'arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:payments/psp-??????',
    ]);
    const envKey = doc.Statement.find((s) => s.Sid === 'DecryptEnvironmentVariables')!;
    // The function's own KmsKeyArn, and its FunctionName as the encryption context.
    assert.equal(
      envKey.Resource,
      'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
    assert.deepEqual(envKey.Condition, {
      StringEquals: { 'kms:EncryptionContext:LambdaFunctionName': 'payments-charge' },
    });
  });

  it('CloudFormation JSON: ARNs as given, each region from its reference', async () => {
    const doc = await policyJson([
      join(FIXTURES, 'cfn-json/stack.json'),
      '--account',
      '999988887777',
      '--region',
      'us-east-1',
    ]);
    assert.deepEqual(resourcesOf(doc, 'ReadParameters'), [
      'arn:aws:ssm:eu-central-1:999988887777:parameter/inventory/replica',
      'arn:aws:ssm:us-west-2:444455556666:parameter/inventory/db-password',
    ]);
    assert.deepEqual(resourcesOf(doc, 'ReadSecrets'), [
      'arn:aws:secretsmanager:us-west-2:444455556666:secret:inventory/api-AbCdEf',
    ]);
    const viaService = doc.Statement.find((s) => s.Sid === 'DecryptThroughParameterStoreAndSecretsManager')!;
    assert.deepEqual(viaService.Resource, [
      'arn:aws:kms:eu-central-1:999988887777:key/*',
      'arn:aws:kms:us-west-2:444455556666:key/*',
    ]);
    assert.deepEqual(viaService.Condition, {
      StringEquals: {
        'kms:ViaService': [
          'secretsmanager.us-west-2.amazonaws.com',
          'ssm.eu-central-1.amazonaws.com',
          'ssm.us-west-2.amazonaws.com',
        ],
      },
    });
  });
});

describe('hush policy: --ref and errors', () => {
  it('--ref in every dialect, --kms-key replaces the account-wide key pattern', async () => {
    const key = 'arn:aws:kms:eu-west-1:111122223333:key/0b3e5a1c-1111-2222-3333-444455556666';
    const doc = await policyJson([
      '--ref',
      'ssm:/app/a',
      '${ssm:/app/b}',
      '{{resolve:secretsmanager:app/c:SecretString:password}}',
      'ssm:/app/noDecrypt',
      '--kms-key',
      key,
      ...ACCOUNT,
    ]);
    assert.deepEqual(resourcesOf(doc, 'ReadParameters'), [
      'arn:aws:ssm:eu-west-1:111122223333:parameter/app/a',
      'arn:aws:ssm:eu-west-1:111122223333:parameter/app/b',
      'arn:aws:ssm:eu-west-1:111122223333:parameter/app/noDecrypt',
    ]);
    assert.deepEqual(resourcesOf(doc, 'DecryptThroughParameterStoreAndSecretsManager'), [key]);
  });

  it('only plain String parameters read without decryption need no kms:Decrypt', async () => {
    const doc = await policyJson(['--ref', '${ssm(noDecrypt):/app/plain}', ...ACCOUNT]);
    assert.deepEqual(
      doc.Statement.map((s) => s.Sid),
      ['ReadParameters'],
    );
  });

  it('a kms: reference without a function name is a usage error', async () => {
    const result = await runHush(['policy', '--ref', 'kms:AQICAHhYbWx1c2hlcwAAAAB0ZXN0Y2lwaGVydGV4dA==']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /give --function NAME/);
    const named = await policyJson([
      '--ref',
      'kms:AQICAHhYbWx1c2hlcwAAAAB0ZXN0Y2lwaGVydGV4dA==',
      '--function',
      'my-fn',
      ...ACCOUNT,
    ]);
    assert.deepEqual(named.Statement[0]?.Condition, {
      StringEquals: { 'kms:EncryptionContext:LambdaFunctionName': 'my-fn' },
    });
  });

  it('a malformed reference is one line naming the column, exit 2', async () => {
    const result = await runHush(['policy', '--ref', 'ssm:/bad name']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /column 9: " " is not allowed in a parameter name/);
  });

  it('malformed YAML: file:line:column and exit 2, no stack trace', async () => {
    const result = await runHush(['policy', join(FIXTURES, '../policy-malformed')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /policy-malformed\/serverless\.yml:7:5: /);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.equal(result.stdout, '');
  });

  it('a directory without references fails with a clear message', async () => {
    const none = await runHush(['policy', join(import.meta.dirname)]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no references found/);
  });
});
