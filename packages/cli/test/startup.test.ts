/**
 * What `hush` loads to start. The server (with SQLite) and the YAML library are loaded by the
 * commands that use them, so every other command starts without them (about 190 ms of start-up).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runProcess } from '../../server/test/support/childProcess.js';
import { HUSH_BIN } from '../../server/test/support/hushServe.js';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'hush-startup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `hush ARGS` and returns the URLs of the modules it resolved. */
async function modulesLoadedBy(args: readonly string[]): Promise<string[]> {
  const log = join(dir, `${args.join('-').replace(/\W+/g, '_')}.log`);
  const result = await runProcess(
    process.execPath,
    ['--import', join(fixtures, 'startup', 'recordModules.mjs'), HUSH_BIN, ...args],
    { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', HUSH_TEST_MODULE_LOG: log } },
  );
  assert.equal(result.code, args[0] === 'scan' ? 1 : 0, result.stderr);
  return readFileSync(log, 'utf8').trim().split('\n');
}

/** The YAML library, SQLite, and any part of the server but its import-free fault-spec parser. */
const heavy = (urls: string[]) =>
  urls.filter(
    (url) =>
      /\/node_modules\/(yaml|better-sqlite3)\//.test(url) ||
      (url.includes('/packages/server/') && !url.endsWith('/faults/faultSpec.js')),
  );

describe('hush start-up', () => {
  it('--version loads neither the server, SQLite nor the YAML library', async () => {
    const urls = await modulesLoadedBy(['--version']);
    assert.ok(
      urls.some((url) => url.endsWith('/packages/cli/dist/program.js')),
      'the recorder saw the CLI',
    );
    assert.deepEqual(heavy(urls), []);
  });

  it('a scan of a YAML file loads the YAML library, when it runs', async () => {
    const urls = await modulesLoadedBy(['scan', join(fixtures, 'scan', 'serverless-v3')]);
    assert.ok(heavy(urls).some((url) => url.includes('/node_modules/yaml/')));
  });
});
