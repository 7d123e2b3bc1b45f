/** Disabling a KMS key for SSM tests, through KMS's own DisableKey. */
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import type { HushServe } from '../support/hushServe.js';

export async function disableKey(server: HushServe, keyId: string): Promise<void> {
  await server.kms().send(new DisableKeyCommand({ KeyId: keyId }));
}
