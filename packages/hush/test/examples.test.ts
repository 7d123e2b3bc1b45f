/**
 * The examples run as documented: seeded through hush's own client, each function invoked in a child
 * process with only Lambda's environment, against a real `hush serve`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../../server/test/support/hushServe.js';
import { useHushServe } from '../../server/test/support/useHushServe.js';

const PLAINTEXTS = ['correct-horse-battery-staple', 'sk_test_hush_example_0001', 'unused-here'];

const server = useHushServe({ inMemory: true }, () => {
  const seeded = run('seed.mjs');
  assert.equal(seeded.status, 0, seeded.stderr);
});

function run(script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'examples', script), ...args], {
    env: { PATH: process.env.PATH ?? '', ...server.env() },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function results(stdout: string): { invocation: number; response: { statusCode: number; body: string } }[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('RESULT '))
    .map((line) => JSON.parse(line.slice('RESULT '.length)));
}

async function stats(): Promise<Record<string, number>> {
  const answer = (await (await fetch(`${server.url}/_hush/stats`)).json()) as {
    byTarget: Record<string, number>;
  };
  return answer.byTarget;
}

describe('examples', () => {
  it('the Serverless service: cold then warm, one request per service, secrets redacted in its log', async () => {
    await fetch(`${server.url}/_hush/stats`, { method: 'DELETE' });
    const out = run('invoke.mjs', 'serverless', 'hello', '--event', '{"name":"ada"}', '--times', '2');
    assert.equal(out.status, 0, out.stdout + out.stderr);
    const [cold, warm] = results(out.stdout);
    assert.ok(cold && warm);
    const body = JSON.parse(warm.response.body);
    assert.deepEqual(body, {
      greeting: 'hello ada',
      dbPasswordLength: PLAINTEXTS[0]!.length,
      stripeKeyMode: 'test',
      featureFlags: ['checkout', 'search', 'beta-banner'],
    });
    assert.deepEqual(JSON.parse(cold.response.body), body);
    // Two SSM names in one GetParameters, one secret in one BatchGetSecretValue; nothing when warm.
    assert.deepEqual(await stats(), {
      'AmazonSSM.GetParameters': 1,
      'secretsmanager.BatchGetSecretValue': 1,
    });
    assert.match(out.stdout, /dbPassword: Secret\(\[REDACTED\]\)/);
    for (const plaintext of PLAINTEXTS) assert.ok(!out.stdout.includes(plaintext), plaintext);
  });

  it('the SAM function through Middy', () => {
    const out = run('invoke.mjs', 'sam', 'OrdersFunction', '--event', '{"orderId":7}', '--times', '1');
    assert.equal(out.status, 0, out.stdout + out.stderr);
    const [only] = results(out.stdout);
    assert.deepEqual(JSON.parse(only!.response.body), {
      orderId: 7,
      connectTo: 'orders@db.internal:5432',
      region: 'us-east-1',
      allowedOrigins: ['https://shop.example.com', 'https://admin.example.com'],
      dbPasswordLength: PLAINTEXTS[0]!.length,
    });
    assert.match(out.stdout, /password: \[REDACTED\]/);
    for (const plaintext of PLAINTEXTS) assert.ok(!out.stdout.includes(plaintext), plaintext);
  });

  it('an unknown function is a usage error', () => {
    const out = run('invoke.mjs', 'serverless', 'nope');
    assert.equal(out.status, 2);
    assert.match(out.stderr, /no function "nope"/);
  });
});
