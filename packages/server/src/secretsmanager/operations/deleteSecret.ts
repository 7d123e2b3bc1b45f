import { defineOperation } from '../../protocol/operation.js';
import { boolean, integer, structure } from '../../protocol/shape.js';
import { invalidParameter, invalidRequest, markedForDeletion, secretNotFound } from '../errors.js';
import { assertValidSecretId, newSecretArn } from '../names.js';
import { replicaRows } from '../replication.js';
import { findSecret, purgeExpired, scopeOf } from '../secretStore.js';
import { secretIdMember } from '../shapes.js';

const DAY_MS = 86_400_000;

export const deleteSecret = defineOperation({
  name: 'DeleteSecret',
  input: structure({
    SecretId: secretIdMember,
    RecoveryWindowInDays: integer(),
    ForceDeleteWithoutRecovery: boolean(),
  }),
  handle(input, ctx) {
    const force = input.ForceDeleteWithoutRecovery ?? false;
    if (force && input.RecoveryWindowInDays !== undefined) {
      throw invalidParameter(
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
      );
    }
    const days = input.RecoveryWindowInDays ?? 30;
    if (days < 7 || days > 30) {
      throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
    }
    assertValidSecretId(input.SecretId);
    const db = ctx.store.db;
    const now = ctx.now.getTime();
    purgeExpired(db, now);
    const secret = findSecret(db, scopeOf(ctx), input.SecretId);
    if (!secret) {
      if (!force) throw secretNotFound();
      // AWS answers a forced delete of a secret it never had as if it had deleted it.
      const arn = input.SecretId.startsWith('arn:')
        ? input.SecretId
        : newSecretArn(scopeOf(ctx), input.SecretId);
      const name = input.SecretId.startsWith('arn:') ? (arn.split(':secret:')[1] ?? arn) : input.SecretId;
      return { ARN: arn, Name: name, DeletionDate: now / 1000 };
    }
    if (secret.primary_region !== null) {
      throw invalidRequest(
        `Operation is not permitted on a replica secret. Call must be made in primary secret's region.`,
      );
    }
    const replicas = replicaRows(db, secret.arn);
    if (replicas.length > 0) {
      throw invalidRequest(
        `You can't delete secret ${secret.name} that still has replica regions [${replicas.map((r) => r.region).join(', ')}]`,
      );
    }
    if (force) {
      db.prepare('DELETE FROM sm_secrets WHERE arn = ?').run(secret.arn);
      return { ARN: secret.arn, Name: secret.name, DeletionDate: now / 1000 };
    }
    if (secret.deleted_at !== null) throw markedForDeletion();
    const deletionDate = now + days * DAY_MS;
    db.prepare('UPDATE sm_secrets SET deleted_at = ?, deletion_date = ? WHERE arn = ?').run(
      now,
      deletionDate,
      secret.arn,
    );
    return { ARN: secret.arn, Name: secret.name, DeletionDate: deletionDate / 1000 };
  },
});
