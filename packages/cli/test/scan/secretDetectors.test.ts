/** The literal-secret detector over a table of real formats and the look-alikes that must not fire. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployTimeSecrets } from '../../src/scan/deployTimeSecrets.js';
import { detectSecret, redact } from '../../src/scan/secretDetectors.js';

describe('detectSecret', () => {
  const secrets: [string, string, string][] = [
    ['KEY_ID', 'AKIAZ3MXQ7NLP5RT2VWY', 'an AWS access key id'],
    ['CREDS', 'temporary ASIAZ3MXQ7NLP5RT2VWY', 'an AWS access key id'],
    ['CERT', '-----BEGIN PRIVATE KEY-----\nMIIE', 'a private key'],
    ['CERT', '-----BEGIN OPENSSH PRIVATE KEY-----', 'a private key'],
    [
      'ID_TOKEN',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'a JSON Web Token',
    ],
    ['DATABASE_URL', 'mysql://root:hunter2hunter2@db:3306/app', 'a connection string with a password'],
    [
      'GH',
      'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV',
      'a GitHub token',
    ],
    ['BOT', 'xoxp-1234567890-abcdefghij', 'a Slack token'],
    ['PAY', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'a Stripe key'],
    ['CLIENT_SECRET', 'q8Vb2-Nz7_Lk4Rt9Wm1X', 'a high-entropy value'],
  ];
  for (const [name, value, kind] of secrets) {
    it(`finds ${kind} in ${name}`, () => assert.equal(detectSecret(name, value)?.kind, kind));
  }

  const lookAlikes: [string, string][] = [
    ['PASSWORD', 'changeme'],
    ['PASSWORD', 'change-me'],
    ['PASSWORD', '<password>'],
    ['API_KEY', 'xxx'],
    ['API_KEY', 'XXXXXXXXXXXXXXXX'],
    ['TOKEN', '********'],
    ['SECRET', 'your-secret-here'],
    ['SECRET', 'TODO'],
    ['DB_PASSWORD', '${ssm:/prod/db/password}'],
    ['DB_PASSWORD', '${self:custom.password}'],
    ['DB_PASSWORD', '{{resolve:secretsmanager:prod/db:SecretString:password}}'],
    ['DB_PASSWORD', 'ssm:/prod/db/password'],
    ['STRIPE', 'secretsmanager:prod/stripe#apiKey'],
    ['TOKEN', 'kms:AQICAHh4bm90LWEtc2VjcmV0LWp1c3QtY2lwaGVydGV4dA=='],
    ['KEY_ARN', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['SECRET_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf'],
    ['AUTH_MODE', 'bearer'],
    ['TOKEN_TTL', '3600'],
    ['PASSWORD_POLICY', 'strong'],
    ['DATABASE_URL', 'postgres://app:${DB_PASSWORD}@db/app'],
    ['DATABASE_URL', 'postgres://app@db/app'],
    ['DATABASE_URL', 'postgres://app:password@localhost/app'],
    ['TABLE_NAME', 'Orders-Prod-7f3KxQ9zL2'],
    ['SECRET_PATH', '/prod/app/secret-values'],
  ];
  for (const [name, value] of lookAlikes) {
    it(`leaves ${name}=${value.slice(0, 24)} alone`, () =>
      assert.equal(detectSecret(name, value), undefined));
  }

  it('redacts to 4 characters and the length', () => {
    assert.equal(redact('sk_live_4eC39HqLyjWDarjtT1zdp7dc'), 'sk_l… (32 chars)');
  });
});

describe('deployTimeSecrets', () => {
  const cases: [string, string[]][] = [
    ['${ssm:/prod/db/password}', ['ssm:/prod/db/password']],
    ['${ssm(eu-west-1):/prod/db/password}', ['ssm:/prod/db/password']],
    ['${ssm(raw):/prod/config}', ['ssm:/prod/config']],
    ['${ssm:/aws/reference/secretsmanager/prod/stripe}', ['secretsmanager:prod/stripe']],
    ['{{resolve:ssm-secure:/prod/key:2}}', ['ssm:/prod/key:2']],
    ['{{resolve:secretsmanager:prod/db:SecretString:password}}', ['secretsmanager:prod/db#password']],
    ['{{resolve:secretsmanager:prod/db}}', ['secretsmanager:prod/db']],
    ['https://u:{{resolve:secretsmanager:${Db}:SecretString:pw}}@h', ['secretsmanager:${Db}#pw']],
    ['${ssm(noDecrypt):/prod/db/password}', []],
    ['{{resolve:ssm:/prod/public}}', []],
    ['ssm:/prod/db/password', []],
    ['${env:DB_PASSWORD}', []],
  ];
  for (const [value, replacements] of cases) {
    it(`${value} → ${replacements.join(', ') || 'nothing'}`, () =>
      assert.deepEqual(
        deployTimeSecrets(value).map((s) => s.replacement),
        replacements,
      ));
  }
});
