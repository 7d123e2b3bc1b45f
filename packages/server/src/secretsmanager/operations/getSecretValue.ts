import { defineOperation } from '../../protocol/operation.js';
import { structure } from '../../protocol/shape.js';
import { readValue, secretValueOutput } from '../readValue.js';
import { secretIdMember, versionIdMember, versionStageMember } from '../shapes.js';

export const getSecretValue = defineOperation({
  name: 'GetSecretValue',
  readOnly: true,
  input: structure({
    SecretId: secretIdMember,
    VersionId: versionIdMember,
    VersionStage: versionStageMember,
  }),
  handle(input, ctx) {
    // Read (decrypted, and in strict mode authorized) on every call. The answer is the same until the
    // store changes, so it is kept frozen and goes out as the text made the first time
    // (http/serializeAnswer.ts).
    const read = readValue(ctx, input.SecretId, input.VersionId, input.VersionStage);
    return ctx.store.memo(['sm-get-secret-value', read.secret.arn, read.version.version_id], () =>
      Object.freeze(secretValueOutput(read)),
    );
  },
});
