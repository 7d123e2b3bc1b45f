/**
 * SSM's window onto Secrets Manager: `GetParameter(s)` on `/aws/reference/secretsmanager/<secret-id>`
 * returns the secret as a SecureString, as AWS does. Owned by the Secrets Manager implementation;
 * SSM's read operations call this for names under REFERENCE_PREFIX.
 */
import { AwsError } from '../protocol/awsError.js';
import type { JsonObject, OperationContext } from '../protocol/operation.js';

export const REFERENCE_PREFIX = '/aws/reference/secretsmanager/';

/**
 * Returns the `Parameter` structure for a reference name (with its `:selector` if any), or throws
 * the AWS error SSM gives. `name` is the full name the caller asked for.
 */
export function readSecretsManagerReference(
  name: string,
  _withDecryption: boolean,
  _ctx: OperationContext,
): JsonObject {
  throw new AwsError(
    'ParameterNotFound',
    `An error occurred (ParameterNotFound) when referencing Secrets Manager: Secret ${name} not found.`,
  );
}
