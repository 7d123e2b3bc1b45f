/**
 * Fetches the value a parsed reference names and shapes it by the reference's format.
 *
 * The runtime library (`packages/hush`) has no resolution engine yet; this is the CLI's own small
 * one, one request per reference, written against the same `Reference` shapes so the runtime's
 * engine can replace it without touching the commands.
 */
import type { AwsJsonClient } from 'hush/aws';
import type {
  KmsCiphertextReference,
  Reference,
  SecretsManagerReference,
  SsmParameterReference,
  SsmPathReference,
} from 'hush/reference';
import { CliError, isNotFound } from '../cli/errors.js';

/** A resolved value: a string, a StringList, bytes, or parsed JSON. */
export type ResolvedValue =
  | string
  | string[]
  | Buffer
  | { [key: string]: unknown }
  | unknown[]
  | number
  | boolean
  | null;

export interface FetchContext {
  client: AwsJsonClient;
  /** Encryption context for `kms:` references: `{ LambdaFunctionName }`. */
  functionName?: string;
}

interface SsmParameter {
  Name: string;
  Type: 'String' | 'StringList' | 'SecureString';
  Value: string;
  Version: number;
}

export async function fetchReference(ref: Reference, context: FetchContext): Promise<ResolvedValue> {
  switch (ref.kind) {
    case 'ssm':
      return fetchSsm(ref, context);
    case 'ssm-path':
      return fetchSsmPath(ref, context);
    case 'secretsmanager':
      return fetchSecret(ref, context);
    case 'kms':
      return decryptKms(ref, context);
  }
}

/** The form a value takes in an environment variable or a line of text. */
export function valueAsText(value: ResolvedValue): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  return JSON.stringify(value);
}

const callOptions = (ref: Reference) => (ref.region ? { region: ref.region } : {});

function parseJson(ref: Reference, text: string): ResolvedValue {
  try {
    return JSON.parse(text) as ResolvedValue;
  } catch {
    throw new CliError(`${ref.text}: the value is not JSON`);
  }
}

export function ssmSelector(ref: SsmParameterReference): string {
  if (ref.version !== undefined) return `${ref.name}:${ref.version}`;
  if (ref.label !== undefined) return `${ref.name}:${ref.label}`;
  return ref.name;
}

async function fetchSsm(ref: SsmParameterReference, { client }: FetchContext): Promise<ResolvedValue> {
  let parameter: SsmParameter;
  try {
    const out = await client.call<{ Parameter: SsmParameter }>(
      'ssm',
      'GetParameter',
      { Name: ssmSelector(ref), WithDecryption: ref.decrypt },
      callOptions(ref),
    );
    parameter = out.Parameter;
  } catch (error) {
    if (ref.fallback !== undefined && isNotFound(error)) return ref.fallback;
    throw error;
  }
  if (ref.secure && parameter.Type !== 'SecureString') {
    throw new CliError(
      `${ref.text}: ssm-secure needs a SecureString, but ${ref.name} is a ${parameter.Type}`,
    );
  }
  return shapeSsmValue(ref, parameter.Type, parameter.Value);
}

function shapeSsmValue(ref: Reference, type: SsmParameter['Type'], value: string): ResolvedValue {
  switch (ref.format) {
    case 'raw':
      return value;
    case 'json':
      return parseJson(ref, value);
    case 'list':
      return value.split(',');
    case 'binary':
      return Buffer.from(value, 'base64');
    case 'serverless-auto':
      if (type === 'StringList') return value.split(',');
      if (type === 'SecureString' && value.trimStart().startsWith('{')) {
        try {
          return JSON.parse(value) as ResolvedValue;
        } catch {
          return value;
        }
      }
      return value;
    case 'auto':
      return type === 'StringList' ? value.split(',') : value;
  }
}

async function fetchSsmPath(ref: SsmPathReference, { client }: FetchContext): Promise<ResolvedValue> {
  const values: Record<string, ResolvedValue> = {};
  let token: string | undefined;
  do {
    const out = await client.call<{ Parameters: SsmParameter[]; NextToken?: string }>(
      'ssm',
      'GetParametersByPath',
      {
        Path: ref.path,
        Recursive: ref.recursive,
        WithDecryption: ref.decrypt,
        ...(token ? { NextToken: token } : {}),
      },
      callOptions(ref),
    );
    for (const p of out.Parameters)
      values[p.Name.slice(ref.path.length)] = shapeSsmValue(ref, p.Type, p.Value);
    token = out.NextToken;
  } while (token);
  return values;
}

async function fetchSecret(ref: SecretsManagerReference, { client }: FetchContext): Promise<ResolvedValue> {
  const out = await client.call<{ SecretString?: string; SecretBinary?: string }>(
    'secretsmanager',
    'GetSecretValue',
    {
      SecretId: ref.secretId,
      ...(ref.versionStage ? { VersionStage: ref.versionStage } : {}),
      ...(ref.versionId ? { VersionId: ref.versionId } : {}),
    },
    callOptions(ref),
  );
  if (ref.format === 'binary') {
    return out.SecretBinary !== undefined
      ? Buffer.from(out.SecretBinary, 'base64')
      : Buffer.from(out.SecretString ?? '', 'utf8');
  }
  const text = out.SecretString ?? Buffer.from(out.SecretBinary ?? '', 'base64').toString('utf8');
  if (ref.field !== undefined) {
    const parsed = parseJson(ref, text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || Buffer.isBuffer(parsed)) {
      throw new CliError(`${ref.text}: the secret is not a JSON object, so it has no field "${ref.field}"`);
    }
    if (!(ref.field in parsed)) throw new CliError(`${ref.text}: the secret has no field "${ref.field}"`);
    const field = (parsed as Record<string, unknown>)[ref.field] as ResolvedValue;
    return ref.format === 'json' || typeof field === 'string' ? field : JSON.stringify(field);
  }
  return ref.format === 'json' ? parseJson(ref, text) : text;
}

async function decryptKms(
  ref: KmsCiphertextReference,
  { client, functionName }: FetchContext,
): Promise<ResolvedValue> {
  const out = await client.call<{ Plaintext: string }>(
    'kms',
    'Decrypt',
    {
      CiphertextBlob: ref.ciphertext,
      ...(functionName ? { EncryptionContext: { LambdaFunctionName: functionName } } : {}),
    },
    callOptions(ref),
  );
  const bytes = Buffer.from(out.Plaintext, 'base64');
  if (ref.format === 'binary') return bytes;
  const text = bytes.toString('utf8');
  return ref.format === 'json' ? parseJson(ref, text) : text;
}
