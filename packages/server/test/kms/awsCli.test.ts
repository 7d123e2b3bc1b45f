import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { awsCli, type CliResult } from '../support/awsCli.js';
import { useHushServe } from '../support/useHushServe.js';

describe('KMS through the AWS CLI', () => {
  const server = useHushServe({ inMemory: true });
  let workDir: string;
  const aws = (...args: string[]): Promise<CliResult> => awsCli(server, ['kms', ...args]);
  const ok = async (...args: string[]) => {
    const result = await aws(...args);
    assert.equal(result.code, 0, result.stderr);
    return result.stdout;
  };

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'hush-kms-cli-'));
  });
  after(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it('creates a key and alias, encrypts and decrypts with a context, and fails a wrong context', async () => {
    const created = JSON.parse(await ok('create-key', '--description', 'cli key', '--output', 'json')) as {
      KeyMetadata: { KeyId: string; Arn: string };
    };
    await ok('create-alias', '--alias-name', 'alias/cli', '--target-key-id', created.KeyMetadata.KeyId);
    const plaintextFile = join(workDir, 'plain.txt');
    writeFileSync(plaintextFile, 'cli secret value');
    const ciphertextB64 = (
      await ok(
        'encrypt',
        '--key-id',
        'alias/cli',
        '--plaintext',
        `fileb://${plaintextFile}`,
        '--encryption-context',
        'app=cli,stage=test',
        '--query',
        'CiphertextBlob',
        '--output',
        'text',
      )
    ).trim();
    const blobFile = join(workDir, 'blob.bin');
    writeFileSync(blobFile, Buffer.from(ciphertextB64, 'base64'));

    const decrypted = JSON.parse(
      await ok(
        'decrypt',
        '--ciphertext-blob',
        `fileb://${blobFile}`,
        '--encryption-context',
        'app=cli,stage=test',
        '--output',
        'json',
      ),
    ) as { Plaintext: string; KeyId: string; EncryptionAlgorithm: string };
    assert.equal(Buffer.from(decrypted.Plaintext, 'base64').toString(), 'cli secret value');
    assert.equal(decrypted.KeyId, created.KeyMetadata.Arn);
    assert.equal(decrypted.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');

    const outFile = join(workDir, 'out.txt');
    const text = await ok(
      'decrypt',
      '--ciphertext-blob',
      `fileb://${blobFile}`,
      '--encryption-context',
      'app=cli,stage=test',
      '--query',
      'Plaintext',
      '--output',
      'text',
    );
    writeFileSync(outFile, Buffer.from(text.trim(), 'base64'));
    assert.equal(readFileSync(outFile, 'utf8'), 'cli secret value');

    const wrong = await aws(
      'decrypt',
      '--ciphertext-blob',
      `fileb://${blobFile}`,
      '--encryption-context',
      'app=cli,stage=prod',
    );
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /InvalidCiphertextException/);
    const missing = await aws('decrypt', '--ciphertext-blob', `fileb://${blobFile}`);
    assert.match(missing.stderr, /InvalidCiphertextException/);

    const aliases = JSON.parse(await ok('list-aliases', '--output', 'json')) as {
      Aliases: { AliasName: string; TargetKeyId: string }[];
    };
    assert.ok(
      aliases.Aliases.some((a) => a.AliasName === 'alias/cli' && a.TargetKeyId === created.KeyMetadata.KeyId),
    );
  });
});
