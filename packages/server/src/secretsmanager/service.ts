import type { Service } from '../protocol/services.js';
import { batchGetSecretValue } from './operations/batchGetSecretValue.js';
import { cancelRotateSecret } from './operations/cancelRotateSecret.js';
import { createSecret } from './operations/createSecret.js';
import { deleteResourcePolicy } from './operations/deleteResourcePolicy.js';
import { deleteSecret } from './operations/deleteSecret.js';
import { describeSecret } from './operations/describeSecret.js';
import { getRandomPassword } from './operations/getRandomPassword.js';
import { getResourcePolicy } from './operations/getResourcePolicy.js';
import { getSecretValue } from './operations/getSecretValue.js';
import { listSecrets } from './operations/listSecrets.js';
import { listSecretVersionIds } from './operations/listSecretVersionIds.js';
import { putResourcePolicy } from './operations/putResourcePolicy.js';
import { putSecretValue } from './operations/putSecretValue.js';
import { removeRegionsFromReplication } from './operations/removeRegionsFromReplication.js';
import { replicateSecretToRegions } from './operations/replicateSecretToRegions.js';
import { restoreSecret } from './operations/restoreSecret.js';
import { rotateSecret } from './operations/rotateSecret.js';
import { stopReplicationToReplica } from './operations/stopReplicationToReplica.js';
import { tagResource } from './operations/tagResource.js';
import { untagResource } from './operations/untagResource.js';
import { updateSecret } from './operations/updateSecret.js';
import { updateSecretVersionStage } from './operations/updateSecretVersionStage.js';
import { validateResourcePolicy } from './operations/validateResourcePolicy.js';
import { secretsManagerMigrations } from './schema.js';

export const secretsManagerService: Service = {
  targetPrefix: 'secretsmanager',
  signingName: 'secretsmanager',
  migrations: secretsManagerMigrations,
  errorMessageMember: 'Message',
  operations: [
    createSecret,
    getSecretValue,
    batchGetSecretValue,
    putSecretValue,
    updateSecret,
    describeSecret,
    listSecrets,
    listSecretVersionIds,
    updateSecretVersionStage,
    deleteSecret,
    restoreSecret,
    tagResource,
    untagResource,
    getRandomPassword,
    putResourcePolicy,
    getResourcePolicy,
    deleteResourcePolicy,
    validateResourcePolicy,
    rotateSecret,
    cancelRotateSecret,
    replicateSecretToRegions,
    removeRegionsFromReplication,
    stopReplicationToReplica,
  ],
};
