import { AwsError } from '../../protocol/awsError.js';
import { defineOperation, type JsonObject } from '../../protocol/operation.js';
import { boolean, structure } from '../../protocol/shape.js';
import { findReferenced } from '../lookup.js';
import { parametersOf } from '../parameterStore.js';
import { parameterOutput } from '../responses.js';
import { REFERENCE_PREFIX, readSecretsManagerReference } from '../secretsManagerReference.js';
import { visibleValue } from '../secureValue.js';
import { nameListMember } from '../shapes.js';

/** Errors that make one name of the batch invalid rather than failing the whole request. */
const PER_NAME_ERRORS = new Set(['ParameterNotFound', 'ParameterVersionNotFound', 'ValidationException']);

export const getParameters = defineOperation({
  name: 'GetParameters',
  readOnly: true,
  input: structure({ Names: nameListMember, WithDecryption: boolean() }),
  handle(input, ctx) {
    const withDecryption = input.WithDecryption ?? false;
    const store = parametersOf(ctx);
    const parameters: JsonObject[] = [];
    const invalid: string[] = [];
    for (const name of new Set(input.Names)) {
      try {
        if (name.startsWith(REFERENCE_PREFIX)) {
          parameters.push(readSecretsManagerReference(name, withDecryption, ctx));
        } else {
          const found = findReferenced(ctx, store, name);
          parameters.push(
            parameterOutput(
              ctx,
              found.version,
              visibleValue(ctx, found.version, withDecryption),
              found.selector,
            ),
          );
        }
      } catch (error) {
        if (!(error instanceof AwsError) || !PER_NAME_ERRORS.has(error.code)) throw error;
        // A Secrets Manager reference refused for any reason but absence fails the whole request.
        if (name.startsWith(REFERENCE_PREFIX) && error.code !== 'ParameterNotFound') throw error;
        invalid.push(name);
      }
    }
    return { Parameters: parameters, InvalidParameters: invalid };
  },
});
