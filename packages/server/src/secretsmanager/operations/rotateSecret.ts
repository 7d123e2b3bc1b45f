import { randomUUID } from 'node:crypto';
import { defineOperation, type JsonObject } from '../../protocol/operation.js';
import { boolean, integer, string, structure } from '../../protocol/shape.js';
import { invalidRequest, replicaReadOnly, tokenRequired } from '../errors.js';
import { assertRules, nextRotation, type RotationRules } from '../rotation/schedule.js';
import {
  previousRotationIncomplete,
  SECRETS_MANAGER_RUNTIME,
  type SecretsManagerRuntime,
} from '../runtime.js';
import { requireSecret, secretByArn, versionWithStage } from '../secretStore.js';
import { clientRequestTokenMember, secretIdMember } from '../shapes.js';
import { writeEnvOf } from '../versionWriter.js';

/**
 * RotateSecret. AWS answers once it has started the rotation; hush answers once the four steps
 * have run (successfully or not), so the state a caller sees next is settled. A step that fails
 * is reported as AWS reports it — not in the response, but by AWSPENDING staying on the new
 * version, LastRotatedDate not moving, and a RotationFailed line in the server's log.
 */
export const rotateSecret = defineOperation({
  name: 'RotateSecret',
  async: true,
  input: structure({
    SecretId: secretIdMember,
    ClientRequestToken: clientRequestTokenMember,
    RotationLambdaARN: string({ max: 2048 }),
    RotationRules: structure({
      AutomaticallyAfterDays: integer({ min: 1, max: 1000 }),
      Duration: string({ min: 2, max: 3, pattern: /^[2-9]h|1[0-9]h|2[0-4]h$/ }),
      ScheduleExpression: string({ min: 1, max: 256 }),
    }),
    RotateImmediately: boolean(),
  }),
  async handle(input, ctx) {
    if (input.ClientRequestToken === undefined) throw tokenRequired('InvalidParameterException');
    const runtime = ctx.services.get<SecretsManagerRuntime>(SECRETS_MANAGER_RUNTIME);
    const immediately = input.RotateImmediately ?? true;
    const prepared = ctx.store.transaction(() => {
      const secret = requireSecret(ctx, input.SecretId);
      if (secret.primary_region !== null) throw replicaReadOnly();
      const functionRef = input.RotationLambdaARN ?? secret.rotation_lambda_arn;
      if (!functionRef)
        throw invalidRequest('No Lambda rotation function ARN is associated with this secret.');
      const rules = (input.RotationRules ?? JSON.parse(secret.rotation_rules ?? '{}')) as RotationRules;
      assertRules(rules);
      const pending = versionWithStage(ctx.store.db, secret.arn, 'AWSPENDING');
      const current = versionWithStage(ctx.store.db, secret.arn, 'AWSCURRENT');
      if (
        immediately &&
        (runtime.isRotating(secret.arn) || (pending && pending.version_id !== current?.version_id))
      ) {
        throw previousRotationIncomplete();
      }
      runtime.functions.assertInvocable(functionRef);
      const now = ctx.now.getTime();
      ctx.store.db
        .prepare(
          `UPDATE sm_secrets SET rotation_enabled = 1, rotation_lambda_arn = ?, rotation_rules = ?, next_rotation_at = ?,
             last_changed_at = ? WHERE arn = ?`,
        )
        .run(functionRef, JSON.stringify(rules), nextRotation(rules, now) ?? null, now, secret.arn);
      const token = immediately
        ? runtime.preparePendingVersion(
            writeEnvOf(ctx),
            secretByArn(ctx.store.db, secret.arn)!,
            input.ClientRequestToken ?? randomUUID(),
          )
        : undefined;
      return { secret, token };
    });
    const out: JsonObject = { ARN: prepared.secret.arn, Name: prepared.secret.name };
    if (prepared.token === undefined) return out;
    await runtime.rotate(prepared.secret.arn, prepared.token);
    out.VersionId = prepared.token;
    return out;
  },
});
