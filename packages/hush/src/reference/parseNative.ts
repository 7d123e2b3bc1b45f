/**
 * The native dialect, the form a Lambda env var holds:
 *
 *   ssm:/prod/db/password            ssm:/prod/db/password:3      ssm:/prod/db/password:live
 *   ssm:/prod/db/                    (a path: every parameter under it; `?recursive`)
 *   secretsmanager:prod/stripe       secretsmanager:prod/stripe#apiKey
 *   secretsmanager:prod/stripe?stage=AWSPREVIOUS                  kms:<base64 ciphertext>
 *
 * Options after `?` (joined by `&`): region=, raw, json, binary, list, ttl=, and for Secrets Manager
 * stage= / versionId=, for paths recursive.
 */
import { checkRegion, checkSecretId, checkSsmName, parseDuration, parseSsmAddress } from './names.js';
import { ReferenceSyntaxError } from './referenceSyntaxError.js';
import type { Reference, ValueFormat } from './types.js';

type Scheme = 'ssm' | 'secretsmanager' | 'kms';

export const isNativeReference = (text: string): boolean => /^(ssm|secretsmanager|kms):\S/.test(text);

interface Option {
  key: string;
  value: string | undefined;
  at: number;
}

/**
 * `scheme:target?options#field` (or `target#field?options`; only Secrets Manager has a field, and KMS
 * ciphertexts never contain `#`/`?`).
 */
export function parseNative(text: string): Reference {
  const scheme = /^(ssm|secretsmanager|kms):/.exec(text)?.[1] as Scheme | undefined;
  if (!scheme) {
    throw new ReferenceSyntaxError(text, 0, 'a reference starts with ssm:, secretsmanager: or kms:');
  }
  const at = scheme.length + 1;
  const body = text.slice(at);
  const q = body.indexOf('?');
  const h = scheme === 'secretsmanager' ? body.indexOf('#') : -1;
  const end = (marker: number) => (marker < 0 ? body.length : marker);
  // The options and the field each run to the other's marker when it comes later, else to the end.
  const after = (marker: number, other: number) => body.slice(marker + 1, other > marker ? other : undefined);
  const target = body.slice(0, Math.min(end(q), end(h)));
  const field = h < 0 ? undefined : after(h, q);
  if (field === '') throw new ReferenceSyntaxError(text, at + h + 1, 'the #field is empty');
  const options = q < 0 ? [] : parseOptions(text, after(q, h), at + q + 1);
  switch (scheme) {
    case 'ssm':
      return parseSsm(text, target, at, options);
    case 'secretsmanager':
      return parseSecret(text, target, at, field, at + h + 1, options);
    case 'kms':
      return parseKms(text, target, at, options);
  }
}

function parseOptions(text: string, query: string, at: number): Option[] {
  if (query === '') return [];
  const options: Option[] = [];
  let offset = at;
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (key === '') throw new ReferenceSyntaxError(text, offset, 'empty option');
    if (options.some((o) => o.key === key))
      throw new ReferenceSyntaxError(text, offset, `option "${key}" given twice`);
    options.push({ key, value: eq < 0 ? undefined : decodeURIComponent(part.slice(eq + 1)), at: offset });
    offset += part.length + 1;
  }
  return options;
}

const FORMATS: readonly ValueFormat[] = ['raw', 'json', 'binary', 'list'];

/**
 * A reference's shared part: its text, and the options every scheme takes (region=, ttl=, a format)
 * applied; returns the options left for the scheme. Each scheme completes `base` with
 * `Object.assign`: an object spread (`{ ...base, kind }`) made parsing several times slower (3.1
 * against 0.6 µs a reference, warm), which a cold start defining many secrets pays up front.
 */
function commonOptions(text: string, options: Option[], allowed: readonly string[]) {
  const base: { text: string; dialect: 'native'; format: ValueFormat; region?: string; ttlMs?: number } = {
    text,
    dialect: 'native',
    format: 'auto',
  };
  const rest: Option[] = [];
  for (const option of options) {
    const { key, value, at } = option;
    if (FORMATS.includes(key as ValueFormat)) {
      if (value !== undefined) throw new ReferenceSyntaxError(text, at, `option "${key}" takes no value`);
      if (base.format !== 'auto')
        throw new ReferenceSyntaxError(text, at, `"${key}" conflicts with "${base.format}"`);
      if (!allowed.includes(key))
        throw new ReferenceSyntaxError(text, at, `option "${key}" does not apply here`);
      base.format = key as ValueFormat;
    } else if (key === 'region') {
      if (!value) throw new ReferenceSyntaxError(text, at, 'region= needs a region name');
      checkRegion(text, value, at + 7);
      base.region = value;
    } else if (key === 'ttl') {
      if (!value) throw new ReferenceSyntaxError(text, at, 'ttl= needs a duration');
      base.ttlMs = parseDuration(text, value, at + 4);
    } else if (allowed.includes(key)) {
      rest.push(option);
    } else {
      throw new ReferenceSyntaxError(
        text,
        at,
        `unknown option "${key}" (expected one of ${['region', 'ttl', ...allowed].join(', ')})`,
      );
    }
  }
  return { base, rest };
}

function parseSsm(text: string, target: string, at: number, options: Option[]): Reference {
  const isPath = target.endsWith('/') && !target.startsWith('arn:');
  const { base, rest } = commonOptions(
    text,
    options,
    isPath ? ['raw', 'json', 'recursive'] : ['raw', 'json', 'list', 'binary'],
  );
  if (isPath) {
    // The only option a path keeps for itself.
    const recursive = rest[0];
    if (recursive?.value !== undefined)
      throw new ReferenceSyntaxError(text, recursive.at, 'option "recursive" takes no value');
    if (!target.startsWith('/')) throw new ReferenceSyntaxError(text, at, 'a parameter path starts with /');
    checkSsmName(text, target, at);
    return Object.assign(base, {
      kind: 'ssm-path' as const,
      path: target,
      recursive: recursive !== undefined,
      decrypt: true,
    });
  }
  return Object.assign(
    base,
    { kind: 'ssm' as const, decrypt: true },
    parseSsmAddress(text, target, at, true),
  );
}

function parseSecret(
  text: string,
  target: string,
  at: number,
  field: string | undefined,
  fieldAt: number,
  options: Option[],
): Reference {
  checkSecretId(text, target, at);
  const { base, rest } = commonOptions(text, options, ['raw', 'json', 'binary', 'stage', 'versionId']);
  if (field !== undefined && (base.format === 'binary' || base.format === 'raw')) {
    throw new ReferenceSyntaxError(text, fieldAt, `a #field cannot be combined with "${base.format}"`);
  }
  const reference: Reference = Object.assign(base, {
    kind: 'secretsmanager' as const,
    secretId: target,
    field,
  });
  for (const { key, value, at } of rest) {
    if (!value) throw new ReferenceSyntaxError(text, at, `${key}= needs a value`);
    if (key === 'stage') reference.versionStage = value;
    else reference.versionId = value;
  }
  return reference;
}

function parseKms(text: string, target: string, at: number, options: Option[]): Reference {
  if (target === '') throw new ReferenceSyntaxError(text, at, 'the ciphertext is empty');
  const bad = target.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) throw new ReferenceSyntaxError(text, at + bad, 'a kms: ciphertext must be base64');
  const { base } = commonOptions(text, options, ['raw', 'json', 'binary']);
  return Object.assign(base, { kind: 'kms' as const, ciphertext: target });
}
