import { defineOperation, type JsonObject } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { invalidParameter, replicaReadOnly, tokenRequired } from '../errors.js';
import { syncReplicas } from '../replication.js';
import { requireSecret, secretByArn, touch } from '../secretStore.js';
import { keyFor, requestValue } from '../secretValue.js';
import {
  clientRequestTokenMember,
  descriptionMember,
  kmsKeyIdMember,
  secretBinaryMember,
  secretIdMember,
  secretStringMember,
} from '../shapes.js';
import { writeEnvOf, writeVersion } from '../versionWriter.js';

export const updateSecret = defineOperation({
  name: 'UpdateSecret',
  input: structure({
    SecretId: secretIdMember,
    ClientRequestToken: clientRequestTokenMember,
    Description: descriptionMember,
    KmsKeyId: kmsKeyIdMember,
    SecretBinary: secretBinaryMember,
    SecretString: secretStringMember,
  }),
  handle(input, ctx) {
    const value = requestValue(input);
    if (value && input.ClientRequestToken === undefined) throw tokenRequired('InvalidRequestException');
    if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
      throw invalidParameter(
        "You can't specify both a binary secret value and a string secret value in the same secret.",
      );
    }
    const db = ctx.store.db;
    const secret = requireSecret(ctx, input.SecretId);
    if (secret.primary_region !== null) throw replicaReadOnly();
    const env = writeEnvOf(ctx);
    if (input.Description !== undefined) {
      db.prepare('UPDATE sm_secrets SET description = ? WHERE arn = ?').run(input.Description, secret.arn);
    }
    if (input.KmsKeyId !== undefined) {
      const kmsKeyId = input.KmsKeyId || null;
      // The new key must be usable before the secret is changed to use it.
      keyFor(env.kms, env.scope, kmsKeyId, env.now);
      db.prepare('UPDATE sm_secrets SET kms_key_id = ? WHERE arn = ?').run(kmsKeyId, secret.arn);
    }
    touch(db, secret.arn, ctx.now.getTime());
    const out: JsonObject = { ARN: secret.arn, Name: secret.name };
    if (value) {
      out.VersionId = writeVersion(env, secretByArn(db, secret.arn)!, input.ClientRequestToken!, value, [
        'AWSCURRENT',
      ]).versionId;
    }
    syncReplicas(env, secret.arn);
    return out;
  },
});
