/**
 * The error each service gives when KMS denies (AccessDeniedException) a call the service made for
 * the caller: Secrets Manager answers with its own short message, SSM quotes KMS's error the way
 * AWS's Java services do.
 */
import { randomUUID } from 'node:crypto';
import { AwsError } from '../protocol/awsError.js';

export function kmsRefusalFor(service: string, kmsMessage: string): AwsError {
  if (service === 'secretsmanager')
    return new AwsError('AccessDeniedException', 'Access to KMS is not allowed');
  return new AwsError(
    'AccessDeniedException',
    `${kmsMessage} (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: ${randomUUID()}; Proxy: null)`,
  );
}
