/**
 * SSM's window onto Secrets Manager: `GetParameter(s)` on `/aws/reference/secretsmanager/<secret-id>`
 * returns the secret as a SecureString, as AWS does. Owned by the Secrets Manager implementation;
 * SSM's read operations call this for names under REFERENCE_PREFIX.
 *
 * A selector after the id picks a version: `:<version-id>` or `:<staging-label>`. AWS requires
 * WithDecryption, and puts the secret's DescribeSecret-like metadata in `SourceResult`.
 */
import { AwsError } from '../protocol/awsError.js';
import type { JsonObject, OperationContext } from '../protocol/operation.js';
import { describeSecret } from '../secretsmanager/describe.js';
import { readValue } from '../secretsmanager/readValue.js';

export const REFERENCE_PREFIX = '/aws/reference/secretsmanager/';

const VERSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^.{32,64}$/i;

/** Splits `<secret-id>[:<selector>]`; an ARN keeps its own colons. */
function splitReference(reference: string): { secretId: string; selector?: string } {
  const from = reference.startsWith('arn:') ? reference.split(':').slice(0, 7).join(':').length : 0;
  const colon = reference.indexOf(':', from);
  if (colon < 0) return { secretId: reference };
  return { secretId: reference.slice(0, colon), selector: reference.slice(colon + 1) };
}

/**
 * Returns the `Parameter` structure for a reference name (with its `:selector` if any), or throws
 * the AWS error SSM gives. `name` is the full name the caller asked for.
 */
export function readSecretsManagerReference(
  name: string,
  withDecryption: boolean,
  ctx: OperationContext,
): JsonObject {
  if (!withDecryption) {
    throw new AwsError(
      'ValidationException',
      'WithDecryption flag must be True for retrieving a Secret Manager secret.',
    );
  }
  const { secretId, selector } = splitReference(name.slice(REFERENCE_PREFIX.length));
  const notFound = () =>
    new AwsError(
      'ParameterNotFound',
      `An error occurred (ParameterNotFound) when referencing Secrets Manager: Secret ${name} not found.`,
    );
  let read: ReturnType<typeof readValue>;
  try {
    const byVersion = selector !== undefined && VERSION_ID.test(selector);
    read = readValue(
      ctx,
      secretId,
      byVersion ? selector : undefined,
      selector !== undefined && !byVersion ? selector : undefined,
    );
  } catch (error) {
    if (
      error instanceof AwsError &&
      ['ResourceNotFoundException', 'ValidationException'].includes(error.code)
    ) {
      throw notFound();
    }
    throw error;
  }
  const value =
    read.value.kind === 'string' ? read.value.bytes.toString('utf8') : read.value.bytes.toString('base64');
  return {
    Name: name,
    Type: 'SecureString',
    Value: value,
    Version: 0,
    ...(selector !== undefined ? { Selector: `:${selector}` } : {}),
    SourceResult: JSON.stringify(describeSecret(ctx.store.db, read.secret, 'VersionIdsToStages')),
    LastModifiedDate: read.version.created_at / 1000,
    ARN: read.secret.arn,
    DataType: 'text',
  };
}
