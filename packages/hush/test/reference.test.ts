import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findReferences, isReference, parseReference, ReferenceSyntaxError } from '../src/reference/index.js';

function syntaxError(text: string): ReferenceSyntaxError {
  try {
    parseReference(text);
  } catch (error) {
    assert.ok(error instanceof ReferenceSyntaxError, `expected ReferenceSyntaxError, got ${error}`);
    return error;
  }
  assert.fail(`expected "${text}" to be rejected`);
}

describe('native references', () => {
  it('parses SSM names, versions and labels', () => {
    assert.deepEqual(parseReference('ssm:/prod/db/password'), {
      text: 'ssm:/prod/db/password',
      dialect: 'native',
      kind: 'ssm',
      name: '/prod/db/password',
      decrypt: true,
      format: 'auto',
    });
    assert.equal((parseReference('ssm:/prod/db/password:3') as { version: number }).version, 3);
    assert.equal((parseReference('ssm:/prod/db/password:live') as { label: string }).label, 'live');
    assert.equal((parseReference('ssm:plain-name') as { name: string }).name, 'plain-name');
  });

  it('parses SSM ARNs with and without a selector', () => {
    const arn = 'arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db';
    assert.equal((parseReference(`ssm:${arn}`) as { name: string }).name, arn);
    const withVersion = parseReference(`ssm:${arn}:7`) as { name: string; version: number };
    assert.equal(withVersion.name, arn);
    assert.equal(withVersion.version, 7);
  });

  it('parses paths, with recursion', () => {
    assert.deepEqual(parseReference('ssm:/prod/db/?recursive'), {
      text: 'ssm:/prod/db/?recursive',
      dialect: 'native',
      kind: 'ssm-path',
      path: '/prod/db/',
      recursive: true,
      decrypt: true,
      format: 'auto',
    });
  });

  it('parses Secrets Manager ids, fields, stages and options in either order', () => {
    const a = parseReference('secretsmanager:prod/stripe#apiKey?stage=AWSPREVIOUS&region=eu-west-1&ttl=30s');
    const b = parseReference('secretsmanager:prod/stripe?stage=AWSPREVIOUS&region=eu-west-1&ttl=30s#apiKey');
    for (const ref of [a, b]) {
      assert.equal(ref.kind, 'secretsmanager');
      if (ref.kind !== 'secretsmanager') return;
      assert.equal(ref.secretId, 'prod/stripe');
      assert.equal(ref.field, 'apiKey');
      assert.equal(ref.versionStage, 'AWSPREVIOUS');
      assert.equal(ref.region, 'eu-west-1');
      assert.equal(ref.ttlMs, 30_000);
    }
    const byArn = parseReference(
      'secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/x-AbCdEf?json',
    );
    assert.equal(
      byArn.kind === 'secretsmanager' && byArn.secretId,
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/x-AbCdEf',
    );
    assert.equal(byArn.format, 'json');
  });

  it('parses KMS ciphertexts', () => {
    const ref = parseReference('kms:AQICAHh+abc/def==');
    assert.equal(ref.kind === 'kms' && ref.ciphertext, 'AQICAHh+abc/def==');
  });

  it('points at the offending part', () => {
    const badChar = syntaxError('ssm:/prod/db password');
    assert.equal(badChar.position, 12);
    assert.match(badChar.message, /column 13: " " is not allowed in a parameter name/);
    assert.equal(
      badChar.detail,
      'ssm:/prod/db password\n            ^ " " is not allowed in a parameter name (letters, digits, . - _ /)',
    );

    assert.match(syntaxError('ssm:/a?ttl=soon').message, /column 12: "soon" is not a duration/);
    assert.match(syntaxError('ssm:/a?colour=blue').message, /column 8: unknown option "colour"/);
    assert.match(syntaxError('ssm:/a:').message, /expected a version number or label/);
    assert.match(syntaxError('ssm:/a:bad label!').message, /neither a version number nor a valid label/);
    assert.match(syntaxError('ssm:/a#x').message, /column 7: "#" is not allowed in a parameter name/);
    assert.match(syntaxError('secretsmanager:a#').message, /the #field is empty/);
    assert.match(syntaxError('secretsmanager:a?region=mars').message, /"mars" is not an AWS region name/);
    assert.match(syntaxError('secretsmanager:a?raw&json').message, /"json" conflicts with "raw"/);
    assert.match(syntaxError('kms:not base64!').message, /must be base64/);
    assert.match(syntaxError('vault:/a').message, /starts with ssm:, secretsmanager: or kms:/);
    assert.match(syntaxError('/plain/value').message, /not a reference/);
  });
});

describe('Serverless Framework variables', () => {
  it('parses every v3 form', () => {
    const plain = parseReference('${ssm:/p}');
    assert.deepEqual(plain, {
      text: '${ssm:/p}',
      dialect: 'serverless',
      kind: 'ssm',
      name: '/p',
      decrypt: true,
      format: 'serverless-auto',
    });
    assert.equal(parseReference('${ssm(raw):/p}').format, 'raw');
    assert.equal((parseReference('${ssm(noDecrypt):/p}') as { decrypt: boolean }).decrypt, false);
    assert.equal(parseReference('${ssm(eu-west-1):/p}').region, 'eu-west-1');
    const both = parseReference('${ssm(eu-west-1, raw):/p}');
    assert.equal(both.region, 'eu-west-1');
    assert.equal(both.format, 'raw');
    assert.equal(
      (parseReference('${ssm:/aws/reference/secretsmanager/prod/db}') as { name: string }).name,
      '/aws/reference/secretsmanager/prod/db',
    );
  });

  it('parses fallbacks', () => {
    assert.equal(parseReference("${ssm:/p, 'default value'}").fallback, 'default value');
    assert.equal(parseReference('${ssm:/p, "x, y"}').fallback, 'x, y');
    assert.equal(parseReference('${ssm:/p, 42}').fallback, 42);
    assert.equal(parseReference('${ssm:/p, null}').fallback, null);
    assert.match(syntaxError('${ssm:/p, }').message, /expected a fallback value/);
    assert.match(syntaxError('${ssm:/p, ${env:X}}').message, /nested variable/);
  });

  it('rejects other variable sources and bad parameters', () => {
    assert.match(syntaxError('${env:SECRET}').message, /"env" variables are not secret references/);
    assert.match(syntaxError('${ssm(eu-west-1, us-east-1):/p}').message, /region given twice/);
  });
});

describe('CloudFormation dynamic references', () => {
  it('parses ssm and ssm-secure', () => {
    const ref = parseReference('{{resolve:ssm:/prod/flag:4}}');
    assert.equal(ref.kind === 'ssm' && ref.version, 4);
    assert.equal(ref.kind === 'ssm' && ref.decrypt, false);
    const secure = parseReference('{{resolve:ssm-secure:/prod/db/password}}');
    assert.equal(secure.kind === 'ssm' && secure.decrypt, true);
    assert.equal(secure.kind === 'ssm' && secure.secure, true);
  });

  it('parses secretsmanager with every optional segment, including ARNs', () => {
    const full = parseReference('{{resolve:secretsmanager:prod/db:SecretString:password:AWSPREVIOUS}}');
    assert.equal(full.kind === 'secretsmanager' && full.field, 'password');
    assert.equal(full.kind === 'secretsmanager' && full.versionStage, 'AWSPREVIOUS');
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf';
    const byArn = parseReference(`{{resolve:secretsmanager:${arn}:SecretString:::1234-abcd}}`);
    assert.equal(byArn.kind === 'secretsmanager' && byArn.secretId, arn);
    assert.equal(byArn.kind === 'secretsmanager' && byArn.versionId, '1234-abcd');
    assert.equal(byArn.kind === 'secretsmanager' && byArn.field, undefined);
  });

  it('rejects malformed dynamic references', () => {
    assert.match(syntaxError('{{resolve:vault:x}}').message, /unknown service "vault"/);
    assert.match(syntaxError('{{resolve:secretsmanager:a:SecretBinary}}').message, /expected "SecretString"/);
    assert.match(
      syntaxError('{{resolve:secretsmanager:a:SecretString:k:AWSCURRENT:v1}}').message,
      /not both/,
    );
    assert.match(syntaxError('{{resolve:ssm:/p:latest}}').message, /not a version number/);
  });
});

describe('finding references in text', () => {
  it('finds Serverless and CloudFormation references with their offsets', () => {
    const text = [
      'environment:',
      "  DB: ${ssm(eu-west-1):/prod/db, 'x'}",
      '  KEY: {{resolve:secretsmanager:prod/stripe:SecretString:apiKey}}',
      '  STAGE: ${self:provider.stage}',
      '  BAD: ${ssm:/has space}',
    ].join('\n');
    const found = findReferences(text);
    assert.deepEqual(
      found.map((f) => f.raw),
      [
        "${ssm(eu-west-1):/prod/db, 'x'}",
        '{{resolve:secretsmanager:prod/stripe:SecretString:apiKey}}',
        '${ssm:/has space}',
      ],
    );
    assert.equal(text.slice(found[0]!.start, found[0]!.end), found[0]!.raw);
    assert.equal(found[0]!.result.ok, true);
    assert.equal(found[2]!.result.ok, false);
  });

  it('tells whole-value references from plain values', () => {
    assert.equal(isReference('ssm:/a'), true);
    assert.equal(isReference('${ssm:/a}'), true);
    assert.equal(isReference('{{resolve:ssm:/a}}'), true);
    assert.equal(isReference('postgres://user@host/db'), false);
    assert.equal(isReference('hello'), false);
  });
});
