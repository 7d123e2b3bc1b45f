/** The `KeyMetadata` structure KMS returns from CreateKey, DescribeKey and friends. */
import type { KeyRecord } from './engine.js';

export function keyMetadata(key: KeyRecord): Record<string, unknown> {
  return {
    AWSAccountId: key.account,
    KeyId: key.id,
    Arn: key.arn,
    CreationDate: key.createdAt / 1000,
    Enabled: key.state === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.state,
    ...(key.deletionDate !== null ? { DeletionDate: key.deletionDate / 1000 } : {}),
    ...(key.pendingWindowDays !== null && key.state === 'PendingDeletion'
      ? { PendingDeletionWindowInDays: key.pendingWindowDays }
      : {}),
    Origin: key.origin,
    KeyManager: key.manager,
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: key.multiRegion,
  };
}
