import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
} from '@aws-sdk/client-ssm';
import { type HushServe, startHushServe } from '../support/hushServe.js';

const SECRETS = ['persisted-secret-Zq81x', 'rotated-secret-Kp02w'];

/** Every byte of every file under the data dir (hush.db, -wal, -shm, keys). */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

function assertNoPlaintext(dir: string): void {
  const files = filesUnder(dir);
  assert.ok(files.some((f) => f.path.endsWith('hush.db')));
  for (const { path, bytes } of files) {
    for (const secret of SECRETS) {
      assert.equal(bytes.includes(Buffer.from(secret, 'utf8')), false, `${secret} in plaintext in ${path}`);
      assert.equal(bytes.includes(Buffer.from(secret, 'utf16le')), false, `${secret} (UTF-16) in ${path}`);
    }
  }
}

describe('SSM data on disk', () => {
  let dataDir: string;
  let server: HushServe;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hush-ssm-persist-'));
    server = await startHushServe({ dataDir });
    const ssm = server.ssm();
    await ssm.send(
      new PutParameterCommand({
        Name: '/persist/db',
        Type: 'SecureString',
        Value: SECRETS[0],
        Tags: [{ Key: 'team', Value: 'data' }],
      }),
    );
    await ssm.send(new PutParameterCommand({ Name: '/persist/db', Value: SECRETS[1], Overwrite: true }));
    await ssm.send(
      new LabelParameterVersionCommand({ Name: '/persist/db', ParameterVersion: 1, Labels: ['previous'] }),
    );
    await ssm.send(new PutParameterCommand({ Name: '/persist/plain', Type: 'String', Value: 'plain-value' }));
  });
  after(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps no SecureString plaintext in any file while the server runs (WAL included)', () => {
    assert.ok(filesUnder(dataDir).some((f) => f.path.endsWith('hush.db-wal')));
    assertNoPlaintext(dataDir);
    // The check can see values: a String parameter is stored as it is.
    assert.ok(filesUnder(dataDir).some((f) => f.bytes.includes(Buffer.from('plain-value'))));
  });

  it('keeps everything across a restart on the same data dir', async () => {
    assert.equal(await server.stop(), 0);
    assertNoPlaintext(dataDir);
    server = await startHushServe({ dataDir });
    const ssm = server.ssm();
    const current = await ssm.send(new GetParameterCommand({ Name: '/persist/db', WithDecryption: true }));
    assert.equal(current.Parameter?.Value, SECRETS[1]);
    assert.equal(current.Parameter?.Version, 2);
    const previous = await ssm.send(
      new GetParameterCommand({ Name: '/persist/db:previous', WithDecryption: true }),
    );
    assert.equal(previous.Parameter?.Value, SECRETS[0]);
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: '/persist/db' }));
    assert.deepEqual(
      history.Parameters?.map((v) => [v.Version, v.Labels]),
      [
        [1, ['previous']],
        [2, []],
      ],
    );
    const tags = await ssm.send(
      new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/persist/db' }),
    );
    assert.deepEqual(tags.TagList, [{ Key: 'team', Value: 'data' }]);
    assert.equal(
      (await ssm.send(new GetParameterCommand({ Name: '/persist/plain' }))).Parameter?.Value,
      'plain-value',
    );
    assertNoPlaintext(dataDir);
    for (const secret of SECRETS) assert.ok(!server.output().includes(secret));
  });
});
