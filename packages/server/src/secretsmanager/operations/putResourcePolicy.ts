import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { boolean, string, structure } from '../../protocol/shape.js';
import { replicaReadOnly } from '../errors.js';
import { syncReplicas } from '../replication.js';
import { checkPolicy, grantsPublicAccess } from '../resourcePolicy.js';
import { requireSecret } from '../secretStore.js';
import { secretIdMember } from '../shapes.js';
import { writeEnvOf } from '../versionWriter.js';

export const putResourcePolicy = defineOperation({
  name: 'PutResourcePolicy',
  input: structure({
    SecretId: secretIdMember,
    ResourcePolicy: string({ required: true, min: 1, max: 20480 }),
    BlockPublicPolicy: boolean(),
  }),
  handle(input, ctx) {
    const secret = requireSecret(ctx, input.SecretId);
    if (secret.primary_region !== null) throw replicaReadOnly();
    const policy = checkPolicy(input.ResourcePolicy);
    if (input.BlockPublicPolicy && grantsPublicAccess(policy)) {
      throw new AwsError(
        'PublicPolicyException',
        'BlockPublicPolicy is set and the policy grants public access to the secret.',
      );
    }
    ctx.store.db
      .prepare('UPDATE sm_secrets SET resource_policy = ? WHERE arn = ?')
      .run(input.ResourcePolicy, secret.arn);
    syncReplicas(writeEnvOf(ctx), secret.arn);
    return { ARN: secret.arn, Name: secret.name };
  },
});
