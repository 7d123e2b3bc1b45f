import { defineOperation, type JsonObject } from '../../protocol/operation.js';
import { boolean, integer, structure } from '../../protocol/shape.js';
import { page } from '../page.js';
import { requireSecret, stagesOf, versionsOf } from '../secretStore.js';
import { maxResultsMember, nextTokenMember, secretIdMember } from '../shapes.js';

export const listSecretVersionIds = defineOperation({
  name: 'ListSecretVersionIds',
  input: structure({
    SecretId: secretIdMember,
    MaxResults: integer(maxResultsMember),
    NextToken: nextTokenMember,
    IncludeDeprecated: boolean(),
  }),
  handle(input, ctx) {
    const db = ctx.store.db;
    const secret = requireSecret(ctx, input.SecretId);
    const stages = stagesOf(db, secret.arn);
    // A version without labels is deprecated: hidden unless asked for, and then without VersionStages.
    const versions = versionsOf(db, secret.arn).filter(
      (v) => input.IncludeDeprecated || stages.has(v.version_id),
    );
    const found = page(versions, (v) => v.seq, input.MaxResults ?? 100, input.NextToken);
    const out: JsonObject = {
      Versions: found.items.map((v) => ({
        VersionId: v.version_id,
        ...(stages.has(v.version_id) ? { VersionStages: stages.get(v.version_id) } : {}),
        ...(v.last_accessed_at !== null ? { LastAccessedDate: v.last_accessed_at / 1000 } : {}),
        CreatedDate: v.created_at / 1000,
        KmsKeyIds: [secret.kms_key_id ?? 'DefaultEncryptionKey'],
      })),
      ARN: secret.arn,
      Name: secret.name,
    };
    if (found.nextToken) out.NextToken = found.nextToken;
    return out;
  },
});
