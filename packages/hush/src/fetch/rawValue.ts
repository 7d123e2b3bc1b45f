/** What the services answered for one fetch key, before a reference's format is applied. */
export interface SsmParameterValue {
  kind: 'ssm';
  /** String, StringList or SecureString. */
  type: string;
  value: string;
  /** False when the value was read without decryption (Serverless `noDecrypt`). */
  decrypted: boolean;
}

export interface SsmPathValue {
  kind: 'ssm-path';
  /** Parameters under the path, by name relative to it. */
  parameters: Record<string, SsmParameterValue>;
}

export interface SecretValue {
  kind: 'secretsmanager';
  secretString?: string;
  /** Base64 (direct/extension) or bytes (an AWS SDK client). */
  secretBinary?: string | Uint8Array;
  /** The secret's NextRotationDate in epoch ms (only with `expireAtRotation`). */
  nextRotationAt?: number;
}

export interface KmsPlaintextValue {
  kind: 'kms';
  plaintext: string | Uint8Array;
}

export type RawValue = SsmParameterValue | SsmPathValue | SecretValue | KmsPlaintextValue;
