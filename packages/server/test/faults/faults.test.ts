import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { beforeEach, describe, it } from 'node:test';
import { KMSClient, ListAliasesCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { GetParametersCommand } from '@aws-sdk/client-ssm';
import { awsError, HUSH_BIN, TEST_CREDENTIALS } from '../support/hushServe.js';
import { useHushServe } from '../support/useHushServe.js';

interface Stats {
  total: number;
  byTarget: Record<string, number>;
}
interface Fault {
  id: number;
  target: string;
  hits: number;
  remaining?: number;
}

describe('fault injection', () => {
  const server = useHushServe({
    inMemory: true,
    args: ['--fault', 'TrentService.ListAliases:error=503,count=2', '--fault', 'AmazonSSM.*:latency=1ms,p=0'],
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const addFault = async (spec: string): Promise<Fault> => {
    const { status, body } = await control('POST', '/_hush/faults', { faults: [spec] });
    assert.equal(status, 200, JSON.stringify(body));
    return (body.faults as Fault[])[0]!;
  };
  const faults = async () => (await control('GET', '/_hush/faults')).body.faults as Fault[];
  const stats = async () => (await control('GET', '/_hush/stats')).body as unknown as Stats;
  const retryingKms = () =>
    new KMSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      maxAttempts: 3,
    });
  beforeEach(async () => {
    await control('DELETE', '/_hush/stats');
  });

  it('applies --fault flags: two ServiceUnavailable 503s on the named target only, then normal answers', async () => {
    const kms = server.kms();
    for (let i = 0; i < 2; i++) {
      const error = await awsError(() => kms.send(new ListAliasesCommand({})));
      assert.equal(error.name, 'ServiceUnavailable');
      assert.equal(error.status, 503);
    }
    const aliases = await kms.send(new ListAliasesCommand({}));
    assert.ok(Array.isArray(aliases.Aliases));
    assert.ok(Array.isArray((await kms.send(new ListKeysCommand({}))).Keys));
    assert.deepEqual(
      (await faults()).map((f) => f.target),
      ['AmazonSSM.*'],
      'the spent rule must retire',
    );
  });

  it('throttles with ThrottlingException 400 "Rate exceeded" for the next call, then stops', async () => {
    await addFault('TrentService.ListKeys:throttle,count=1');
    const kms = server.kms();
    const error = await awsError(() => kms.send(new ListKeysCommand({})));
    assert.equal(error.name, 'ThrottlingException');
    assert.equal(error.status, 400);
    assert.equal(error.message, 'Rate exceeded');
    assert.ok(Array.isArray((await kms.send(new ListKeysCommand({}))).Keys));
  });

  it("lets the SDK's own retry get through a single throttle, counting both round trips", async () => {
    await addFault('TrentService.ListKeys:throttle,count=1');
    const result = await retryingKms().send(new ListKeysCommand({}));
    assert.ok(Array.isArray(result.Keys));
    assert.equal(result.$metadata.attempts, 2);
    const counted = await stats();
    assert.equal(counted.byTarget['TrentService.ListKeys'], 2);
    assert.equal(counted.total, 2);
  });

  it("fails every matching call with the service's own 500 until the fault is deleted", async () => {
    const fault = await addFault('*:error');
    const kms = server.kms();
    for (const command of [new ListKeysCommand({}), new ListAliasesCommand({})]) {
      const error = await awsError(() => kms.send(command));
      assert.equal(error.name, 'KMSInternalException');
      assert.equal(error.status, 500);
    }
    const ssmError = await awsError(() => server.ssm().send(new GetParametersCommand({ Names: ['/a'] })));
    assert.equal(ssmError.name, 'InternalServerError');
    assert.equal(ssmError.status, 500);
    const smError = await awsError(() => server.secretsManager().send(new ListSecretsCommand({})));
    assert.equal(smError.name, 'InternalServiceError');
    assert.equal(smError.status, 500);
    const removed = await control('DELETE', `/_hush/faults?id=${fault.id}`);
    assert.deepEqual(removed.body, { removed: 1 });
    assert.ok(Array.isArray((await kms.send(new ListKeysCommand({}))).Keys));
    assert.ok(Array.isArray((await server.secretsManager().send(new ListSecretsCommand({}))).SecretList));
  });

  it('delays a call by the injected latency, then the counted rule retires', async () => {
    await addFault('TrentService.ListKeys:latency=250ms,count=1');
    const started = performance.now();
    await server.kms().send(new ListKeysCommand({}));
    // Node's timers may fire a millisecond early, so allow that much below the injected delay.
    assert.ok(performance.now() - started >= 245, 'the call came back before the injected delay');
    assert.equal((await faults()).filter((f) => f.target === 'TrentService.ListKeys').length, 0);
  });

  it('fires a probabilistic fault on some calls and not others; p=0 never fires', async () => {
    await control('DELETE', '/_hush/faults');
    const half = await addFault('TrentService.ListKeys:throttle=0.5');
    const never = await addFault('TrentService.ListKeys:error=503,p=0');
    const outcomes = new Set<string>();
    const kms = server.kms();
    for (let i = 0; i < 100; i++) {
      outcomes.add(
        await kms.send(new ListKeysCommand({})).then(
          () => 'ok',
          (e: Error) => e.name,
        ),
      );
    }
    assert.deepEqual([...outcomes].sort(), ['ThrottlingException', 'ok']);
    const listed = await faults();
    const hits = (id: number) => listed.find((f) => f.id === id)?.hits;
    assert.ok((hits(half.id) ?? 0) > 0 && (hits(half.id) ?? 0) < 100);
    assert.equal(hits(never.id), 0);
    await control('DELETE', '/_hush/faults');
    assert.deepEqual(await faults(), []);
  });

  it('answers the control endpoint: rule objects, bad specs, unknown routes, stats reset', async () => {
    const added = await control('POST', '/_hush/faults', {
      fault: { target: 'secretsmanager.*', effect: { kind: 'error', status: 503 }, count: 2 },
    });
    assert.equal(added.status, 200);
    const [rule] = added.body.faults as (Fault & { effect: unknown })[];
    assert.deepEqual(rule?.effect, { kind: 'error', status: 503 });
    assert.equal(rule?.remaining, 2);

    const bad = await control('POST', '/_hush/faults', { faults: ['TrentService.ListKeys:error=404'] });
    assert.equal(bad.status, 400);
    assert.match(String(bad.body.error), /500 or 503/);
    assert.equal((await control('POST', '/_hush/faults', { nothing: true })).status, 400);
    assert.equal((await control('GET', '/_hush/nope')).status, 404);

    await server.kms().send(new ListKeysCommand({}));
    assert.equal((await stats()).byTarget['TrentService.ListKeys'], 1);
    assert.deepEqual((await control('DELETE', '/_hush/stats')).body.total, 0);
    await control('DELETE', '/_hush/faults');
  });

  it('refuses a malformed --fault flag at start', () => {
    const run = spawnSync(
      process.execPath,
      [HUSH_BIN, 'serve', '--in-memory', '--port', '0', '--fault', 'latency=soon'],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /latency needs a duration/);
  });
});
