import { defineOperation } from '../../protocol/operation.js';
import { boolean, structure } from '../../protocol/shape.js';
import { findReferenced } from '../lookup.js';
import { parametersOf } from '../parameterStore.js';
import { parameterOutput } from '../responses.js';
import { REFERENCE_PREFIX, readSecretsManagerReference } from '../secretsManagerReference.js';
import { nameMember } from '../shapes.js';

export const getParameter = defineOperation({
  name: 'GetParameter',
  readOnly: true,
  input: structure({ Name: nameMember, WithDecryption: boolean() }),
  handle(input, ctx) {
    const withDecryption = input.WithDecryption ?? false;
    if (input.Name.startsWith(REFERENCE_PREFIX)) {
      return { Parameter: readSecretsManagerReference(input.Name, withDecryption, ctx) };
    }
    const found = findReferenced(ctx, parametersOf(ctx), input.Name);
    return { Parameter: parameterOutput(ctx, found.version, withDecryption, found.selector) };
  },
});
