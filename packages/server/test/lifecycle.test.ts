/**
 * The `hush serve` contract other work relies on: it prints where it listens, keeps its data in
 * --data-dir (master key 0600), survives a restart, refuses bad flags as usage errors, and exits 0
 * on SIGINT and SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { HUSH_BIN, startHushServe } from './support/hushServe.js';

describe('hush serve lifecycle', () => {
  it('keeps its data in --data-dir across a SIGTERM and a restart, and exits 0', async () => {
    const first = await startHushServe();
    assert.match(first.output(), /^hush serve listening on http:\/\/127\.0\.0\.1:\d+ \(data in /m);
    await first.ssm().send(new PutParameterCommand({ Name: '/life/cycle', Value: 'kept', Type: 'String' }));
    assert.equal(statSync(join(first.dataDir, 'master.key')).mode & 0o777, 0o600);
    assert.equal(await first.stop(), 0);

    const second = await startHushServe({ dataDir: first.dataDir });
    const out = await second.ssm().send(new GetParameterCommand({ Name: '/life/cycle' }));
    assert.equal(out.Parameter?.Value, 'kept');
    second.process.kill('SIGINT');
    const code = await new Promise((resolve) => second.process.once('exit', resolve));
    assert.equal(code, 0);
    first.cleanup();
  });

  it('refuses bad flags as usage errors (exit 2) and a taken port as a failure (exit 1)', async () => {
    const badPort = spawnSync(process.execPath, [HUSH_BIN, 'serve', '--port', 'eighty'], {
      encoding: 'utf8',
    });
    assert.equal(badPort.status, 2);
    assert.match(badPort.stderr, /port/);

    const running = await startHushServe({ inMemory: true });
    const taken = spawnSync(
      process.execPath,
      [HUSH_BIN, 'serve', '--in-memory', '--port', String(running.port)],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    assert.equal(taken.status, 1);
    assert.match(taken.stderr, /EADDRINUSE/);
    await running.stop();
  });
});
