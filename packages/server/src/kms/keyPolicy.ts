/** Key policy documents: the checks KMS makes before it accepts one. */
import { AwsError } from '../protocol/awsError.js';

/** KMS keys have exactly one policy, named `default`. */
export const DEFAULT_POLICY_NAME = 'default';

export function assertPolicyDocument(policy: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw new AwsError(
      'MalformedPolicyDocumentException',
      'The new key policy will not allow you to update the key policy in the future.',
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !('Statement' in parsed)) {
    throw new AwsError(
      'MalformedPolicyDocumentException',
      'Policy contains a statement with no Statement element.',
    );
  }
}
