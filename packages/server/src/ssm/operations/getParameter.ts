import { defineOperation } from '../../protocol/operation.js';
import { boolean, structure } from '../../protocol/shape.js';
import { findReferenced } from '../lookup.js';
import { parametersOf } from '../parameterStore.js';
import { parameterOutput } from '../responses.js';
import { REFERENCE_PREFIX, readSecretsManagerReference } from '../secretsManagerReference.js';
import { visibleValue } from '../secureValue.js';
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
    const { version, selector } = findReferenced(ctx, parametersOf(ctx), input.Name);
    // Read (decrypted, and in strict mode authorized) on every call. The answer around it is the same
    // until the store changes, so it is kept frozen and goes out as the text made the first time
    // (http/serializeAnswer.ts).
    const value = visibleValue(ctx, version, withDecryption);
    return ctx.store.memo(
      [
        'ssm-get-parameter',
        ctx.region,
        ctx.accountId,
        version.name,
        version.version,
        Number(withDecryption),
        selector ?? '',
      ],
      () => Object.freeze({ Parameter: Object.freeze(parameterOutput(ctx, version, value, selector)) }),
    );
  },
});
