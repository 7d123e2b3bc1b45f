/**
 * The local master key that seals every KMS key's material at rest. It is created on first start
 * (32 random bytes, file mode 0600) or given by the operator through `HUSH_MASTER_KEY` (base64).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_BYTES = 32;

function decode(source: string, text: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new Error(`${source} must hold ${KEY_BYTES} bytes, base64-encoded (it holds ${key.length})`);
  }
  return key;
}

export function loadMasterKey(options: { dataDir: string; inMemory: boolean; provided?: string }): Buffer {
  if (options.provided) return decode('HUSH_MASTER_KEY', options.provided);
  if (options.inMemory) return randomBytes(KEY_BYTES);
  const path = join(options.dataDir, 'master.key');
  if (existsSync(path)) return decode(path, readFileSync(path, 'utf8'));
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return key;
}
