/**
 * What the services answered for one fetch key, before a reference's format is applied: the AWS
 * answer as it came (the members below are the ones hush reads). A key's value has the shape of its
 * reference's kind, which is part of the key.
 */

/** A parameter of GetParameters or GetParametersByPath. */
export interface SsmParameterValue {
  Name: string;
  /** String, StringList or SecureString. */
  Type: string;
  Value: string;
  /** `:3` or `:label` when the name asked for one. */
  Selector?: string;
  ARN?: string;
}

/** Every page of GetParametersByPath. */
export interface SsmPathValue {
  Parameters: SsmParameterValue[];
}

/** GetSecretValue's answer, or one of BatchGetSecretValue's `SecretValues`. */
export interface SecretValue {
  ARN?: string;
  Name?: string;
  SecretString?: string;
  /** Base64 (direct/extension) or bytes (an AWS SDK client). */
  SecretBinary?: string | Uint8Array;
  /** The secret's NextRotationDate in epoch ms (only with `expireAtRotation`). */
  nextRotationAt?: number;
}

/** KMS Decrypt's answer. */
export interface KmsPlaintextValue {
  Plaintext: string | Uint8Array;
}

export type RawValue = SsmParameterValue | SsmPathValue | SecretValue | KmsPlaintextValue;
