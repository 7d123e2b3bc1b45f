import { randomUUID } from 'node:crypto';
import { defineOperation } from '../../protocol/operation.js';
import { string, structure } from '../../protocol/shape.js';
import { invalidParameter, invalidRequest, replicaReadOnly, tokenRequired } from '../errors.js';
import { syncReplicas } from '../replication.js';
import { requireSecret } from '../secretStore.js';
import { requestValue } from '../secretValue.js';
import {
  clientRequestTokenMember,
  secretBinaryMember,
  secretIdMember,
  secretStringMember,
  versionStagesMember,
} from '../shapes.js';
import { writeEnvOf, writeVersion } from '../versionWriter.js';

export const putSecretValue = defineOperation({
  name: 'PutSecretValue',
  input: structure({
    SecretId: secretIdMember,
    ClientRequestToken: clientRequestTokenMember,
    SecretBinary: secretBinaryMember,
    SecretString: secretStringMember,
    VersionStages: versionStagesMember,
    RotationToken: string({ min: 36, max: 256, sensitive: true }),
  }),
  handle(input, ctx) {
    // AWS checks the token before it looks for the secret.
    if (input.ClientRequestToken === undefined) throw tokenRequired('InvalidRequestException');
    if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
      throw invalidParameter(
        "You can't specify both a binary secret value and a string secret value in the same secret.",
      );
    }
    const secret = requireSecret(ctx, input.SecretId);
    if (secret.primary_region !== null) throw replicaReadOnly();
    const value = requestValue(input);
    if (!value) throw invalidRequest('You must provide either SecretString or SecretBinary.');
    const written = writeVersion(
      writeEnvOf(ctx),
      secret,
      input.ClientRequestToken ?? randomUUID(),
      value,
      input.VersionStages ?? ['AWSCURRENT'],
    );
    if (written.created) syncReplicas(writeEnvOf(ctx), secret.arn);
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: written.versionId,
      VersionStages: written.stages,
    };
  },
});
