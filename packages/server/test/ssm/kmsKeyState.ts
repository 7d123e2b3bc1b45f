/**
 * Disabling a KMS key for SSM tests. Uses KMS's DisableKey; while that operation is still being
 * written, flips the key's state in the store exactly as DisableKey would (the engine reads the
 * state from the store on every use).
 */
import { join } from 'node:path';
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import Database from 'better-sqlite3';
import type { HushServe } from '../support/hushServe.js';

export async function disableKey(server: HushServe, keyId: string): Promise<void> {
  try {
    await server.kms().send(new DisableKeyCommand({ KeyId: keyId }));
    return;
  } catch (error) {
    if ((error as Error).name !== 'UnknownOperationException') throw error;
  }
  const db = new Database(join(server.dataDir, 'hush.db'));
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare("UPDATE kms_keys SET state = 'Disabled' WHERE id = ?").run(keyId);
  } finally {
    db.close();
  }
}
