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
    return secretValueOutput(readValue(ctx, input.SecretId, input.VersionId, input.VersionStage));
  },
});
