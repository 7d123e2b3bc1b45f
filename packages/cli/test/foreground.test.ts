import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { spawnProcess } from '../../server/test/support/childProcess.js';

/**
 * hush run tells whether it is in its terminal's foreground (so a typed Ctrl-C has reached the
 * command already) from /proc on Linux and from ps elsewhere. Both are asked here, in a terminal
 * (script(1) gives the probe a pty), in a background job of that terminal, and with no terminal;
 * ps must give /proc's answer.
 */
describe('terminal foreground check', () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'hush-foreground-'));
  const probe = join(dir, 'probe.mjs');
  const source = new URL('../src/forwardSignals.ts', import.meta.url).href;
  writeFileSync(
    probe,
    `import { foregroundFromProc, foregroundFromPs } from '${source}';\n` +
      `console.log('answers', JSON.stringify({ proc: foregroundFromProc(), ps: foregroundFromPs() }));\n`,
  );
  const env = { PATH: process.env.PATH ?? '' };
  const probeCommand = `'${process.execPath}' --import tsx '${probe}'`;

  const answers = async (running: ReturnType<typeof spawnProcess>) => {
    const result = await running.done;
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const line = /answers (.*)/.exec(result.stdout)?.[1] ?? '';
    return JSON.parse(line) as { proc?: boolean; ps?: boolean };
  };

  it('in the foreground of a terminal', async () => {
    const script = spawnProcess('/usr/bin/script', ['-qefc', probeCommand, '/dev/null'], { env, cwd: root });
    assert.deepEqual(await answers(script), { proc: true, ps: true });
  });

  it('in a background job of a terminal', async () => {
    // set -m: job control, so the job gets a process group of its own, as in an interactive shell.
    const job = `sh -c "set -m; ${probeCommand} & wait \\$!"`;
    const script = spawnProcess('/usr/bin/script', ['-qefc', job, '/dev/null'], { env, cwd: root });
    assert.deepEqual(await answers(script), { proc: false, ps: false });
  });

  it('without a terminal', async () => {
    // detached: a session of its own, which has no controlling terminal.
    const alone = spawnProcess(process.execPath, ['--import', 'tsx', probe], {
      env,
      cwd: root,
      detached: true,
    });
    assert.deepEqual(await answers(alone), { proc: false, ps: false });
  });
});
