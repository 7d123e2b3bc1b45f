/**
 * A crash loses nothing that was acknowledged: many clients write concurrently, the server is
 * killed with SIGKILL mid-stream, and after a restart on the same data dir every write that got a
 * 200 is there, and SQLite's integrity check passes.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import Database from 'better-sqlite3';
import { type HushServe, startHushServe } from './support/hushServe.js';

const CLIENTS = 16;

describe('durability', () => {
  const servers: HushServe[] = [];
  after(async () => {
    for (const server of servers) await server.kill();
    servers[0]?.cleanup();
  });

  it('keeps every acknowledged write through a SIGKILL', async () => {
    const first = await startHushServe();
    servers.push(first);
    const kms = first.kms();
    const acknowledged: { keyId: string; description: string }[] = [];
    let stopped = false;

    const client = async (id: number) => {
      for (let n = 0; !stopped; n++) {
        const description = `client-${id}-write-${n}`;
        try {
          const out = await kms.send(new CreateKeyCommand({ Description: description }));
          acknowledged.push({ keyId: out.KeyMetadata!.KeyId!, description });
        } catch {
          return; // the connection died with the server: this write was never acknowledged
        }
      }
    };
    const writers = Array.from({ length: CLIENTS }, (_, id) => client(id));
    while (acknowledged.length < 200) await new Promise((resolve) => setTimeout(resolve, 10));
    await first.kill();
    stopped = true;
    await Promise.all(writers);
    assert.ok(acknowledged.length >= 200, `only ${acknowledged.length} writes were acknowledged`);

    const db = new Database(join(first.dataDir, 'hush.db'));
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }

    const second = await startHushServe({ dataDir: first.dataDir });
    servers.push(second);
    const after = second.kms();
    const missing: string[] = [];
    for (const { keyId, description } of acknowledged) {
      try {
        const out = await after.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }));
        assert.match(out.KeyId!, new RegExp(keyId));
      } catch {
        missing.push(description);
      }
    }
    assert.deepEqual(
      missing,
      [],
      `${missing.length} of ${acknowledged.length} acknowledged writes were lost`,
    );
  });
});
