/** The errors Secrets Manager answers with, worded as AWS words them (see the real-AWS recordings). */
import { AwsError } from '../protocol/awsError.js';

export const secretNotFound = (): AwsError =>
  new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

export const stageNotFound = (stage: string): AwsError =>
  new AwsError(
    'ResourceNotFoundException',
    `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
  );

export const versionNotFound = (versionId: string): AwsError =>
  new AwsError(
    'ResourceNotFoundException',
    `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`,
  );

export const markedForDeletion = (): AwsError =>
  new AwsError(
    'InvalidRequestException',
    "You can't perform this operation on the secret because it was marked for deletion.",
  );

/** The same message for every operation and every way a name can be wrong. */
export const invalidName = (): AwsError =>
  new AwsError(
    'ValidationException',
    'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
  );

export const invalidParameter = (message: string): AwsError =>
  new AwsError('InvalidParameterException', message);

export const invalidRequest = (message: string): AwsError => new AwsError('InvalidRequestException', message);

export const tokenRequired = (code: 'InvalidRequestException' | 'InvalidParameterException'): AwsError =>
  new AwsError(code, 'You must provide a ClientRequestToken value. We recommend a UUID-type value.');

export const tokenConflict = (): AwsError =>
  new AwsError('ResourceExistsException', 'A resource with the ID you requested already exists.');

export const decryptionFailure = (): AwsError =>
  new AwsError(
    'DecryptionFailure',
    "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
  );

export const encryptionFailure = (): AwsError =>
  new AwsError(
    'EncryptionFailure',
    "Secrets Manager can't encrypt the protected secret text using the provided KMS key. Check that the KMS key is available, enabled, and not in an invalid state. For more information, see Key state: Effect on your KMS key.",
  );

export const replicaReadOnly = (): AwsError =>
  invalidRequest(
    "Operation is not permitted on a replica secret. Call must be made in primary secret's region.",
  );
