import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { GetParametersByPathCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { parse as parseYaml } from 'yaml';
import { useHushServe } from '../../server/test/support/useHushServe.js';
import { hushAgainst } from './support/runHush.js';

describe('hush resolve / export / import', () => {
  const server = useHushServe({ inMemory: true });
  const dir = mkdtempSync(join(tmpdir(), 'hush-files-'));
  const hush = hushAgainst(server);

  before(async () => {
    await server
      .ssm()
      .send(new PutParameterCommand({ Name: '/f/db', Value: 'p@ss "word"', Type: 'SecureString' }));
    await server
      .ssm()
      .send(new PutParameterCommand({ Name: '/f/host', Value: 'db.internal', Type: 'String' }));
    await server.secretsManager().send(
      new CreateSecretCommand({
        Name: 'f/api',
        SecretString: '{"key":"k-123"}',
        ClientRequestToken: 'b'.repeat(36),
      }),
    );
  });

  it('resolves Serverless, CloudFormation and native references in YAML, keeping it valid', async () => {
    const file = join(dir, 'serverless.yml');
    writeFileSync(
      file,
      [
        'environment:',
        '  DB: ${ssm:/f/db}',
        '  URL: "postgres://${ssm:/f/host}/app"',
        '  KEY: "{{resolve:secretsmanager:f/api:SecretString:key}}"',
        '  NATIVE: ssm:/f/db',
        "  FALLBACK: ${ssm:/f/none, 'dflt'}",
        '',
      ].join('\n'),
    );
    const result = await hush(['resolve', file]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(parseYaml(result.stdout), {
      environment: {
        DB: 'p@ss "word"',
        URL: 'postgres://db.internal/app',
        KEY: 'k-123',
        NATIVE: 'p@ss "word"',
        FALLBACK: 'dflt',
      },
    });
  });

  it('resolves JSON from stdin and dotenv files', async () => {
    const json = await hush(['resolve', '-'], '{"db": "ssm:/f/db", "key": "secretsmanager:f/api#key"}\n');
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), { db: 'p@ss "word"', key: 'k-123' });
    const file = join(dir, '.env');
    writeFileSync(file, 'DB=ssm:/f/db\nHOST=ssm:/f/host\n');
    const dotenv = await hush(['resolve', file]);
    assert.equal(dotenv.stdout, 'DB="p@ss \\"word\\""\nHOST=db.internal\n');
  });

  it('--check lists resolvable and missing references and exits 1 when any is missing; resolve prints nothing then', async () => {
    const text = 'a: ${ssm:/f/host}\nb: ssm:/f/missing\nc: "{{resolve:secretsmanager:f/nope}}"\n';
    const check = await hush(['resolve', '--check', '-'], text);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /^ok\s+\$\{ssm:\/f\/host\}$/m);
    assert.match(check.stdout, /^missing\s+ssm:\/f\/missing: ParameterNotFound$/m);
    assert.match(
      check.stdout,
      /^missing\s+\{\{resolve:secretsmanager:f\/nope\}\}: ResourceNotFoundException/m,
    );
    const resolved = await hush(['resolve', '-'], text);
    assert.equal(resolved.code, 1);
    assert.equal(resolved.stdout, '');
    assert.ok(!resolved.stderr.includes('db.internal'));
    const ok = await hush(['resolve', '--check', '-'], 'a: ${ssm:/f/host}\n');
    assert.equal(ok.code, 0);
    const bad = await hush(['resolve', '--check', '-'], 'a: ${ssm:no-slash:}\n');
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^missing/m);
  });

  it('import then export round-trips dotenv and JSON, with a created/updated/unchanged summary', async () => {
    const values = { API_URL: 'https://x.example/a?b=c', PASSWORD: 'multi word $ "quoted"', EMPTY_NOT: 'z' };
    const first = await hush(['import', 'ssm:/rt', '-'], JSON.stringify(values));
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /created 3, updated 0, unchanged 0/);
    const exported = await hush(['export', 'ssm:/rt', '--format', 'dotenv']);
    const file = join(dir, 'rt.env');
    writeFileSync(file, exported.stdout);
    const again = await hush(['import', 'ssm:/rt', file]);
    assert.match(again.stderr, /created 0, updated 0, unchanged 3/);
    const asJson = JSON.parse((await hush(['export', '/rt', '--format', 'json'])).stdout);
    assert.deepEqual(asJson, values);
    const asYaml = parseYaml((await hush(['export', '/rt', '--format', 'yaml'])).stdout);
    assert.deepEqual(asYaml, values);
    const dry = await hush(['import', '/rt', '--dry-run', '-'], 'PASSWORD=changed\nNEW=1\n');
    assert.match(dry.stderr, /would have created 1, updated 1, unchanged 0/);
    const stored = await server
      .ssm()
      .send(new GetParametersByPathCommand({ Path: '/rt', WithDecryption: true }));
    assert.equal(stored.Parameters?.length, 3);
    assert.equal(stored.Parameters?.find((p) => p.Name === '/rt/PASSWORD')?.Value, values.PASSWORD);
    assert.ok(stored.Parameters?.every((p) => p.Type === 'SecureString'));
  });

  it('import into Secrets Manager and export back; a bad key changes nothing', async () => {
    const imported = await hush(['import', 'secretsmanager:imp/', '-'], 'ONE=1\nTWO=second value\n');
    assert.equal(imported.code, 0, imported.stderr);
    const exported = JSON.parse((await hush(['export', 'secretsmanager:imp/', '--format', 'json'])).stdout);
    assert.deepEqual(exported, { ONE: '1', TWO: 'second value' });
    const bad = await hush(['import', '/bad', '-'], '{"ok":"1","no spaces allowed":"2"}');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^hush: import: -: key "no spaces allowed" does not make a valid name/);
    const none = await server.ssm().send(new GetParametersByPathCommand({ Path: '/bad' }));
    assert.equal(none.Parameters?.length, 0);
    const format = await hush(['export', '/rt', '--format', 'xml']);
    assert.equal(format.code, 2);
  });
});
