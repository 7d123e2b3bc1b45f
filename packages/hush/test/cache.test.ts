import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { useHushServe } from '../../server/test/support/useHushServe.js';
import { Hush, type HushError, ServiceUnavailableError } from '../src/index.js';

const server = useHushServe({ inMemory: true });

/** Epoch ms that move only when the test says so. */
function manualClock(start = Date.now()) {
  let at = start;
  return {
    now: () => at,
    advance(ms: number) {
      at += ms;
    },
  };
}

const put = (Name: string, Value: string) =>
  server.ssm().send(new PutParameterCommand({ Name, Value, Type: 'SecureString', Overwrite: true }));

describe('cache', () => {
  it('a value changed on the server is seen after the TTL, without blocking the read that finds it expired', async () => {
    await put('/rot/a', 'old');
    // A clock the test moves, so a slow machine cannot let the TTL pass early.
    const clock = manualClock();
    const hush = new Hush({ env: server.env(), ttlMs: 50, jitter: 0, now: clock.now });
    assert.equal(await hush.resolve('ssm:/rot/a'), 'old');
    await put('/rot/a', 'new');
    assert.equal(await hush.resolve('ssm:/rot/a'), 'old', 'within the TTL the cached value is served');
    clock.advance(80);
    assert.equal(await hush.resolve('ssm:/rot/a'), 'old', 'expired: served stale while one refresh runs');
    await hush.idle();
    assert.equal(await hush.resolve('ssm:/rot/a'), 'new');
    assert.equal(hush.requests.GetParameters, 2);
  });

  it('withFreshSecret refreshes at once after an auth failure and retries once', async () => {
    await put('/rot/b', 'pw-1');
    const hush = new Hush({ env: server.env() });
    assert.equal(await hush.resolve('ssm:/rot/b'), 'pw-1');
    await put('/rot/b', 'pw-2');
    const seen: string[] = [];
    const result = await hush.withFreshSecret('ssm:/rot/b', async (password: string) => {
      seen.push(password);
      if (password !== 'pw-2')
        throw Object.assign(new Error('password authentication failed'), { code: '28P01' });
      return 'connected';
    });
    assert.equal(result, 'connected');
    assert.deepEqual(seen, ['pw-1', 'pw-2']);
    await assert.rejects(
      hush.withFreshSecret('ssm:/rot/b', () => {
        throw new Error('unrelated bug');
      }),
      /unrelated bug/,
    );
  });

  it('refresh(name) fetches now', async () => {
    await put('/rot/c', 'c1');
    const hush = new Hush({ env: server.env() });
    assert.equal(await hush.resolve('ssm:/rot/c'), 'c1');
    await put('/rot/c', 'c2');
    assert.equal(await hush.refresh('ssm:/rot/c'), 'c2');
    assert.equal(await hush.resolve('ssm:/rot/c'), 'c2');
  });

  it('the size is bounded: the least recently used value is evicted', async () => {
    await put('/lru/a', 'a');
    await put('/lru/b', 'b');
    await put('/lru/c', 'c');
    const hush = new Hush({ env: server.env(), maxEntries: 2 });
    await hush.resolve('ssm:/lru/a');
    await hush.resolve('ssm:/lru/b');
    await hush.resolve('ssm:/lru/a');
    await hush.resolve('ssm:/lru/c');
    assert.equal(hush.requests.GetParameters, 3);
    await hush.resolve('ssm:/lru/a');
    assert.equal(hush.requests.GetParameters, 3, 'a was used recently and stays');
    await hush.resolve('ssm:/lru/b');
    assert.equal(hush.requests.GetParameters, 4, 'b was evicted');
  });

  it('server down: the stale value is served and the failure reported once (runs last: stops the server)', async () => {
    await put('/down/a', 'kept');
    const reported: HushError[] = [];
    const clock = manualClock();
    const hush = new Hush({
      env: server.env(),
      ttlMs: 30,
      jitter: 0,
      now: clock.now,
      retry: { maxAttempts: 2, baseBackoffMs: 1 },
      onError: (error) => reported.push(error),
    });
    assert.equal(await hush.resolve('ssm:/down/a'), 'kept');
    await server.stop();
    for (let i = 0; i < 4; i++) {
      clock.advance(40);
      assert.equal(await hush.resolve('ssm:/down/a'), 'kept');
      await hush.idle();
    }
    assert.equal(reported.length, 1);
    assert.ok(reported[0] instanceof ServiceUnavailableError);
    assert.match(reported[0].message, /ssm:\/down\/a/);
    assert.doesNotMatch(reported[0].message, /kept/);
    const fresh = new Hush({ env: server.env(), retry: { maxAttempts: 1 } });
    await assert.rejects(fresh.resolve('ssm:/down/a'), ServiceUnavailableError);
  });
});
