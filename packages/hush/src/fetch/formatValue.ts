/**
 * Applies a reference's format to what was fetched: StringList → string[], `?json`/`#field` → parsed,
 * `?binary` → Buffer, and the Serverless v3 rule (a decrypted SecureString starting with `{` is parsed
 * as JSON, left as is when it does not parse).
 */
import { InvalidValueError } from '../errors.js';
import type {
  Reference,
  SecretsManagerReference,
  SsmParameterReference,
  SsmPathReference,
} from '../reference/types.js';
import type {
  KmsPlaintextValue,
  RawValue,
  SecretValue,
  SsmParameterValue,
  SsmPathValue,
} from './rawValue.js';

/** `raw` was fetched for `ref`'s key, so it has the shape of `ref.kind`. */
export function formatValue(ref: Reference, raw: RawValue): unknown {
  switch (ref.kind) {
    case 'ssm':
      return formatParameter(ref, raw as SsmParameterValue);
    case 'ssm-path': {
      // Keyed by the name relative to the path.
      const out: Record<string, unknown> = {};
      for (const p of (raw as SsmPathValue).Parameters) {
        out[p.Name.startsWith(ref.path) ? p.Name.slice(ref.path.length) : p.Name] = formatParameter(ref, p);
      }
      return out;
    }
    case 'secretsmanager':
      return formatSecret(ref, raw as SecretValue);
    case 'kms': {
      const bytes = toBuffer((raw as KmsPlaintextValue).Plaintext);
      if (ref.format === 'binary') return bytes;
      const text = bytes.toString('utf8');
      return ref.format === 'json' ? parseJson(ref, text) : text;
    }
  }
}

function formatParameter(ref: SsmParameterReference | SsmPathReference, p: SsmParameterValue): unknown {
  const { format } = ref;
  const { Type: type, Value: value } = p;
  if (format === 'json') return parseJson(ref, value);
  if (format === 'binary') return Buffer.from(value, 'base64');
  // `auto` and `serverless-auto` split a StringList too; only `raw` keeps it a string.
  if (format === 'list' || (format !== 'raw' && type === 'StringList')) return value.split(',');
  if (
    format === 'serverless-auto' &&
    type === 'SecureString' &&
    ref.decrypt &&
    value.trimStart()[0] === '{'
  ) {
    try {
      return JSON.parse(value);
    } catch {
      // Not JSON after all: the string as is.
    }
  }
  return value;
}

function formatSecret(ref: SecretsManagerReference, s: SecretValue): unknown {
  const { field, format } = ref;
  const text = s.SecretString;
  if (format === 'binary')
    return s.SecretBinary !== undefined ? toBuffer(s.SecretBinary) : Buffer.from(text ?? '');
  if (text === undefined) {
    if (field !== undefined || format === 'json')
      throw new InvalidValueError(ref.text, 'the secret holds binary data, not a JSON string');
    return toBuffer(s.SecretBinary ?? '');
  }
  if (field === undefined) return format === 'json' ? parseJson(ref, text) : text;
  const parsed = parseJson(ref, text);
  if (parsed === null || typeof parsed !== 'object' || !Object.hasOwn(parsed, field))
    throw new InvalidValueError(ref.text, `the secret has no JSON key "${field}"`);
  const value = (parsed as Record<string, unknown>)[field];
  return format === 'json' && typeof value === 'string' ? parseJson(ref, value) : value;
}

function parseJson(ref: Reference, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidValueError(ref.text, 'the value is not valid JSON');
  }
}

function toBuffer(data: string | Uint8Array): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'base64') : Buffer.from(data);
}
