/**
 * Applies a reference's format to what was fetched: StringList → string[], `?json`/`#field` → parsed,
 * `?binary` → Buffer, and the Serverless v3 rule (a decrypted SecureString starting with `{` is parsed
 * as JSON, left as is when it does not parse).
 */
import { InvalidValueError } from '../errors.js';
import type { Reference } from '../reference/types.js';
import type { RawValue, SecretValue, SsmParameterValue } from './rawValue.js';

export function formatValue(ref: Reference, raw: RawValue): unknown {
  switch (raw.kind) {
    case 'ssm':
      return formatParameter(ref, raw);
    case 'ssm-path': {
      const out: Record<string, unknown> = {};
      for (const [name, p] of Object.entries(raw.parameters)) out[name] = formatParameter(ref, p);
      return out;
    }
    case 'secretsmanager':
      return formatSecret(ref, raw);
    case 'kms': {
      const bytes = toBuffer(raw.plaintext);
      if (ref.format === 'binary') return bytes;
      const text = bytes.toString('utf8');
      return ref.format === 'json' ? parseJson(ref, text) : text;
    }
  }
}

function formatParameter(ref: Reference, p: SsmParameterValue): unknown {
  switch (ref.format) {
    case 'raw':
      return p.value;
    case 'json':
      return parseJson(ref, p.value);
    case 'binary':
      return Buffer.from(p.value, 'base64');
    case 'list':
      return p.value.split(',');
    case 'serverless-auto':
      if (p.type === 'StringList') return p.value.split(',');
      if (p.type === 'SecureString' && p.decrypted && p.value.trimStart().startsWith('{')) {
        try {
          return JSON.parse(p.value);
        } catch {
          return p.value;
        }
      }
      return p.value;
    case 'auto':
      return p.type === 'StringList' ? p.value.split(',') : p.value;
  }
}

function formatSecret(ref: Reference, s: SecretValue): unknown {
  const field = ref.kind === 'secretsmanager' ? ref.field : undefined;
  if (ref.format === 'binary') {
    return s.secretBinary !== undefined
      ? toBuffer(s.secretBinary)
      : Buffer.from(s.secretString ?? '', 'utf8');
  }
  if (s.secretString === undefined) {
    if (field !== undefined || ref.format === 'json')
      throw new InvalidValueError(ref.text, 'the secret holds binary data, not a JSON string');
    return toBuffer(s.secretBinary ?? '');
  }
  if (field !== undefined) {
    const parsed = parseJson(ref, s.secretString);
    if (parsed === null || typeof parsed !== 'object' || !Object.hasOwn(parsed, field))
      throw new InvalidValueError(ref.text, `the secret has no JSON key "${field}"`);
    const value = (parsed as Record<string, unknown>)[field];
    return ref.format === 'json' && typeof value === 'string' ? parseJson(ref, value) : value;
  }
  return ref.format === 'json' ? parseJson(ref, s.secretString) : s.secretString;
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
