/**
 * Expiry at a secret's NextRotationDate, and the cache under injected faults (throttling, latency)
 * from `hush serve`'s fault injection.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { useHushServe } from '../../server/test/support/useHushServe.js';
import { Hush, type HushError, ThrottledError, TimeoutError } from '../src/index.js';

// A rotation function that accepts every step: hush serve invokes it over HTTP (see docs/rotation.md).
let rotationFunction: Server;

const server = useHushServe({ inMemory: true }, async () => {
  rotationFunction = createServer((_req, res) => res.end('{}'));
  await new Promise<void>((resolve) => rotationFunction.listen(0, '127.0.0.1', resolve));
});

after(() => {
  rotationFunction.close();
});

const faults = (method: 'POST' | 'DELETE', body?: object) =>
  fetch(`${server.url}/_hush/faults`, {
    method,
    ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });

describe('expiry at NextRotationDate', () => {
  it('a cached secret expires at its next rotation, long before its TTL', async () => {
    const sm = server.secretsManager();
    await sm.send(new CreateSecretCommand({ Name: 'rot/api', SecretString: 'v1' }));
    const port = (rotationFunction.address() as AddressInfo).port;
    await sm.send(
      new RotateSecretCommand({
        SecretId: 'rot/api',
        RotationLambdaARN: `http://127.0.0.1:${port}/rotate`,
        RotationRules: { ScheduleExpression: 'rate(4 hours)' },
        RotateImmediately: false,
      }),
    );
    const next = (await sm.send(new DescribeSecretCommand({ SecretId: 'rot/api' }))).NextRotationDate;
    assert.ok(next, 'the server schedules the next rotation');

    let clock = Date.now();
    const options = { env: server.env(), ttlMs: 24 * 3_600_000, jitter: 0, now: () => clock };
    const aware = new Hush({ ...options, expireAtRotation: true });
    const plain = new Hush(options);
    assert.equal(await aware.resolve('secretsmanager:rot/api'), 'v1');
    assert.equal(await plain.resolve('secretsmanager:rot/api'), 'v1');
    assert.equal(aware.requests.DescribeSecret, 1, 'NextRotationDate read alongside the value');
    assert.equal(plain.requests.DescribeSecret, undefined);

    await sm.send(new PutSecretValueCommand({ SecretId: 'rot/api', SecretString: 'v2' }));
    clock = next.getTime() + 1000;
    assert.equal(await aware.resolve('secretsmanager:rot/api'), 'v1', 'stale while it refreshes');
    await aware.idle();
    assert.equal(await aware.resolve('secretsmanager:rot/api'), 'v2');
    assert.equal(await plain.resolve('secretsmanager:rot/api'), 'v1', 'without the option: TTL only');
    await plain.idle();
    assert.equal(plain.requests.BatchGetSecretValue, 1);
  });
});

describe('faults', () => {
  it('throttling: the stale value is served, the failure reported once per streak, then recovery', async () => {
    await server.ssm().send(new PutParameterCommand({ Name: '/f/t', Value: 'one', Type: 'String' }));
    const reported: HushError[] = [];
    const hush = new Hush({
      env: server.env(),
      ttlMs: 40,
      jitter: 0,
      retry: { maxAttempts: 2, baseBackoffMs: 1, maxBackoffMs: 2 },
      onError: (error) => reported.push(error),
    });
    assert.equal(await hush.resolve('ssm:/f/t'), 'one');
    await server
      .ssm()
      .send(new PutParameterCommand({ Name: '/f/t', Value: 'two', Type: 'String', Overwrite: true }));
    await faults('POST', { fault: 'AmazonSSM.GetParameters:throttle' });
    try {
      for (let round = 0; round < 3; round++) {
        await sleep(60);
        assert.equal(await hush.resolve('ssm:/f/t'), 'one');
        await hush.idle();
      }
    } finally {
      await faults('DELETE');
    }
    assert.equal(reported.length, 1);
    assert.ok(reported[0] instanceof ThrottledError);
    assert.match(reported[0].message, /^ssm:\/f\/t: throttled \(ThrottlingException\) after 2 attempts$/);
    assert.ok(hush.requests.GetParameters! >= 1 + 3 * 2, 'each refresh retried');
    await sleep(60);
    await hush.resolve('ssm:/f/t');
    await hush.idle();
    assert.equal(await hush.resolve('ssm:/f/t'), 'two');
  });

  it('a slow service: each attempt times out, then a TimeoutError naming the reference', async () => {
    await server.ssm().send(new PutParameterCommand({ Name: '/f/slow', Value: 's', Type: 'String' }));
    await faults('POST', { fault: 'AmazonSSM.GetParameters:latency=400ms' });
    try {
      const hush = new Hush({ env: server.env(), retry: { maxAttempts: 2, attemptTimeoutMs: 100 } });
      await assert.rejects(hush.resolve('ssm:/f/slow'), (error: unknown) => {
        assert.ok(error instanceof TimeoutError);
        assert.equal(error.message, 'ssm:/f/slow: no answer within 100 ms (2 attempts)');
        return true;
      });
      assert.equal(hush.requests.GetParameters, 2);
    } finally {
      await faults('DELETE');
    }
  });
});
