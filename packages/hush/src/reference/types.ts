/**
 * A parsed reference: where a secret lives and how its value is to be read. Every dialect
 * (native `ssm:`/`secretsmanager:`/`kms:`, Serverless `${ssm…}`, CloudFormation `{{resolve:…}}`)
 * parses to these same shapes, so fetching, caching, IAM and scanning never care which was written.
 */
export type Dialect = 'native' | 'serverless' | 'cloudformation';

/**
 * How the raw value becomes the value a caller sees:
 * - `auto`: String as is, StringList as string[], SecureString as is (native) — the Serverless
 *   dialect's v3 rule (JSON-parse a decrypted SecureString that starts with `{`) is `serverless-auto`;
 * - `raw`: the string exactly as stored; `json`: JSON.parse; `binary`: a Buffer; `list`: string[].
 */
export type ValueFormat = 'auto' | 'serverless-auto' | 'raw' | 'json' | 'binary' | 'list';

interface ReferenceBase {
  /** The text the reference was parsed from, for messages (never a value). */
  text: string;
  dialect: Dialect;
  /** Region override (`?region=`, `${ssm(eu-west-1):…}`); undefined means the caller's region. */
  region?: string;
  format: ValueFormat;
  /** Per-reference cache TTL in milliseconds (`?ttl=30s`). */
  ttlMs?: number;
  /** Serverless fallback (`${ssm:/p, 'default'}`), used when the parameter does not exist. */
  fallback?: string | number | boolean | null;
}

export interface SsmParameterReference extends ReferenceBase {
  kind: 'ssm';
  /** Parameter name or ARN, without selector. */
  name: string;
  version?: number;
  label?: string;
  /** False for `${ssm(noDecrypt):…}`: the value stays encrypted. */
  decrypt: boolean;
  /** Only from CloudFormation `ssm-secure` (which requires a SecureString). */
  secure?: boolean;
}

export interface SsmPathReference extends ReferenceBase {
  kind: 'ssm-path';
  /** A path ending in `/`; every parameter under it is read. */
  path: string;
  recursive: boolean;
  decrypt: boolean;
}

export interface SecretsManagerReference extends ReferenceBase {
  kind: 'secretsmanager';
  /** Secret name or ARN. */
  secretId: string;
  /** A key of the JSON secret string (`#field`, CloudFormation's json-key). */
  field?: string;
  versionStage?: string;
  versionId?: string;
}

export interface KmsCiphertextReference extends ReferenceBase {
  kind: 'kms';
  /** Base64 ciphertext, decrypted with `{ LambdaFunctionName }` as encryption context. */
  ciphertext: string;
}

export type Reference =
  | SsmParameterReference
  | SsmPathReference
  | SecretsManagerReference
  | KmsCiphertextReference;
