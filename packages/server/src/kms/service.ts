import type { Service } from '../protocol/services.js';
import { cancelKeyDeletion } from './operations/cancelKeyDeletion.js';
import { createAlias } from './operations/createAlias.js';
import { createKey } from './operations/createKey.js';
import { decrypt } from './operations/decrypt.js';
import { deleteAlias } from './operations/deleteAlias.js';
import { describeKey } from './operations/describeKey.js';
import { disableKey } from './operations/disableKey.js';
import { disableKeyRotation } from './operations/disableKeyRotation.js';
import { enableKey } from './operations/enableKey.js';
import { enableKeyRotation } from './operations/enableKeyRotation.js';
import { encrypt } from './operations/encrypt.js';
import { generateDataKey } from './operations/generateDataKey.js';
import { generateDataKeyWithoutPlaintext } from './operations/generateDataKeyWithoutPlaintext.js';
import { generateRandom } from './operations/generateRandom.js';
import { getKeyPolicy } from './operations/getKeyPolicy.js';
import { getKeyRotationStatus } from './operations/getKeyRotationStatus.js';
import { listAliases } from './operations/listAliases.js';
import { listKeyPolicies } from './operations/listKeyPolicies.js';
import { listKeyRotations } from './operations/listKeyRotations.js';
import { listKeys } from './operations/listKeys.js';
import { listResourceTags } from './operations/listResourceTags.js';
import { putKeyPolicy } from './operations/putKeyPolicy.js';
import { reEncrypt } from './operations/reEncrypt.js';
import { rotateKeyOnDemand } from './operations/rotateKeyOnDemand.js';
import { scheduleKeyDeletion } from './operations/scheduleKeyDeletion.js';
import { tagResource } from './operations/tagResource.js';
import { untagResource } from './operations/untagResource.js';
import { updateAlias } from './operations/updateAlias.js';
import { updateKeyDescription } from './operations/updateKeyDescription.js';
import { kmsMigrations } from './schema.js';

export const kmsService: Service = {
  targetPrefix: 'TrentService',
  signingName: 'kms',
  migrations: kmsMigrations,
  operations: [
    createKey,
    describeKey,
    listKeys,
    updateKeyDescription,
    enableKey,
    disableKey,
    scheduleKeyDeletion,
    cancelKeyDeletion,
    createAlias,
    updateAlias,
    deleteAlias,
    listAliases,
    encrypt,
    decrypt,
    reEncrypt,
    generateDataKey,
    generateDataKeyWithoutPlaintext,
    generateRandom,
    enableKeyRotation,
    disableKeyRotation,
    getKeyRotationStatus,
    rotateKeyOnDemand,
    listKeyRotations,
    getKeyPolicy,
    putKeyPolicy,
    listKeyPolicies,
    tagResource,
    untagResource,
    listResourceTags,
  ],
};
