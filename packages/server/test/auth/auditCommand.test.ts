import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { CreateKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { HUSH_BIN } from '../support/hushServe.js';
import { useHushServe } from '../support/useHushServe.js';

const hush = (...args: string[]) => spawnSync(process.execPath, [HUSH_BIN, ...args], { encoding: 'utf8' });

describe('default mode and hush audit', () => {
  const server = useHushServe();

  it('still takes any credentials and allows everything, and audits it in <data-dir>/audit.log', async () => {
    const kms = new KMSClient({
      endpoint: server.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'ANYTHING', secretAccessKey: 'goes' },
      maxAttempts: 1,
    });
    const key = await kms.send(new CreateKeyCommand({}));
    await kms.send(
      new EncryptCommand({ KeyId: key.KeyMetadata!.KeyId!, Plaintext: Buffer.from('audit-me-not') }),
    );

    const json = hush('audit', '--data-dir', server.dataDir, '--json');
    assert.equal(json.status, 0, json.stderr);
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => [l.action, l.decision, l.status, l.accessKeyId]),
      [
        ['kms:CreateKey', 'Allow', 200, 'ANYTHING'],
        ['kms:Encrypt', 'Allow', 200, 'ANYTHING'],
      ],
    );
    assert.ok(
      !json.stdout.includes('audit-me-not') &&
        !json.stdout.includes(Buffer.from('audit-me-not').toString('base64')),
    );

    const pretty = hush('audit', '--data-dir', server.dataDir);
    assert.equal(pretty.status, 0, pretty.stderr);
    const rows = pretty.stdout.trim().split('\n');
    assert.equal(rows.length, 2);
    assert.match(
      rows[1]!,
      /^\d{4}-\d\d-\d\dT\S+Z {2}ALLOW {2}arn:aws:iam::000000000000:root\s+kms:Encrypt\s+-\s+200 {2}from 127\.0\.0\.1 {2}[0-9a-f-]{36}$/,
    );
  });

  it('follows the log as the server appends to it', async () => {
    const follower = spawn(
      process.execPath,
      [HUSH_BIN, 'audit', '--data-dir', server.dataDir, '--follow', '--json'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let seen = '';
    follower.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
    });
    try {
      const kms = server.kms();
      await kms.send(new CreateKeyCommand({ Description: 'followed' }));
      const target = 'kms:CreateKey';
      // Wait until the follower printed a third line (two came from the previous test).
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`follower printed: ${seen}`)), 15_000);
        const check = () => {
          if (
            seen
              .trim()
              .split('\n')
              .filter((l) => l.includes(target)).length >= 2
          ) {
            clearTimeout(timer);
            resolve();
          } else setTimeout(check, 50);
        };
        check();
      });
      assert.equal(seen.trim().split('\n').length, 3);
    } finally {
      follower.kill('SIGTERM');
    }
  });

  it('fails clearly when there is no log', () => {
    const result = hush('audit', '--audit-log', '/nonexistent/audit.log');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no audit log at \/nonexistent\/audit\.log/);
  });
});
