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

const SCHEMES = ['ssm', 'secretsmanager', 'kms'] as const;
type Scheme = (typeof SCHEMES)[number];

export const isNativeReference = (text: string): boolean => /^(ssm|secretsmanager|kms):\S/.test(text);

interface Option {
  key: string;
  value: string | undefined;
  at: number;
}

export function parseNative(text: string): Reference {
  const colon = text.indexOf(':');
  const scheme = text.slice(0, colon) as Scheme;
  if (colon < 0 || !SCHEMES.includes(scheme)) {
    throw new ReferenceSyntaxError(text, 0, 'a reference starts with ssm:, secretsmanager: or kms:');
  }
  const bodyAt = colon + 1;
  const { target, field, fieldAt, options } = splitParts(text, bodyAt, scheme);
  switch (scheme) {
    case 'ssm':
      return parseSsm(text, target, bodyAt, options);
    case 'secretsmanager':
      return parseSecret(text, target, bodyAt, field, fieldAt, options);
    case 'kms':
      return parseKms(text, target, bodyAt, options);
  }
}

/** Splits `target?options#field` (or `target#field?options`). KMS ciphertexts never contain `#`/`?`. */
function splitParts(text: string, bodyAt: number, scheme: Scheme) {
  const body = text.slice(bodyAt);
  const q = body.indexOf('?');
  const h = scheme === 'secretsmanager' ? body.indexOf('#') : -1;
  const cut = Math.min(q < 0 ? body.length : q, h < 0 ? body.length : h);
  const target = body.slice(0, cut);
  let field: string | undefined;
  let fieldAt = 0;
  let query = '';
  let queryAt = 0;
  if (h >= 0 && (q < 0 || h < q)) {
    field = body.slice(h + 1, q < 0 ? undefined : q);
    fieldAt = bodyAt + h + 1;
    if (q >= 0) {
      query = body.slice(q + 1);
      queryAt = bodyAt + q + 1;
    }
  } else if (q >= 0) {
    query = body.slice(q + 1, h < 0 ? undefined : h);
    queryAt = bodyAt + q + 1;
    if (h >= 0) {
      field = body.slice(h + 1);
      fieldAt = bodyAt + h + 1;
    }
  }
  if (field === '') throw new ReferenceSyntaxError(text, fieldAt, 'the #field is empty');
  return { target, field, fieldAt, options: parseOptions(text, query, queryAt) };
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

/** Applies the options every scheme shares; returns the ones left for the scheme. */
function commonOptions(text: string, options: Option[], allowed: readonly string[]) {
  const common: { region?: string; format?: ValueFormat; ttlMs?: number } = {};
  const rest: Option[] = [];
  for (const option of options) {
    const { key, value, at } = option;
    if (FORMATS.includes(key as ValueFormat)) {
      if (value !== undefined) throw new ReferenceSyntaxError(text, at, `option "${key}" takes no value`);
      if (common.format)
        throw new ReferenceSyntaxError(text, at, `"${key}" conflicts with "${common.format}"`);
      if (!allowed.includes(key))
        throw new ReferenceSyntaxError(text, at, `option "${key}" does not apply here`);
      common.format = key as ValueFormat;
    } else if (key === 'region') {
      if (!value) throw new ReferenceSyntaxError(text, at, 'region= needs a region name');
      checkRegion(text, value, at + 7);
      common.region = value;
    } else if (key === 'ttl') {
      if (!value) throw new ReferenceSyntaxError(text, at, 'ttl= needs a duration');
      common.ttlMs = parseDuration(text, value, at + 4);
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
  return { common: { format: 'auto' as ValueFormat, ...common }, rest };
}

function parseSsm(text: string, target: string, at: number, options: Option[]): Reference {
  const isPath = target.endsWith('/') && !target.startsWith('arn:');
  const { common, rest } = commonOptions(
    text,
    options,
    isPath ? ['raw', 'json', 'recursive'] : ['raw', 'json', 'list', 'binary'],
  );
  const base = { text, dialect: 'native' as const, ...common };
  if (isPath) {
    const recursive = rest.find((o) => o.key === 'recursive');
    if (recursive?.value !== undefined)
      throw new ReferenceSyntaxError(text, recursive.at, 'option "recursive" takes no value');
    if (!target.startsWith('/')) throw new ReferenceSyntaxError(text, at, 'a parameter path starts with /');
    checkSsmName(text, target, at);
    return { ...base, kind: 'ssm-path', path: target, recursive: recursive !== undefined, decrypt: true };
  }
  return { ...base, kind: 'ssm', ...parseSsmAddress(text, target, at, true), decrypt: true };
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
  const { common, rest } = commonOptions(text, options, ['raw', 'json', 'binary', 'stage', 'versionId']);
  if (field !== undefined && (common.format === 'binary' || common.format === 'raw')) {
    throw new ReferenceSyntaxError(text, fieldAt, `a #field cannot be combined with "${common.format}"`);
  }
  const reference: Reference = {
    text,
    dialect: 'native',
    kind: 'secretsmanager',
    secretId: target,
    ...common,
    ...(field !== undefined ? { field } : {}),
  };
  for (const option of rest) {
    if (!option.value) throw new ReferenceSyntaxError(text, option.at, `${option.key}= needs a value`);
    if (option.key === 'stage') reference.versionStage = option.value;
    else reference.versionId = option.value;
  }
  return reference;
}

function parseKms(text: string, target: string, at: number, options: Option[]): Reference {
  if (target === '') throw new ReferenceSyntaxError(text, at, 'the ciphertext is empty');
  const bad = [...target].findIndex((ch) => !/[A-Za-z0-9+/=]/.test(ch));
  if (bad >= 0) throw new ReferenceSyntaxError(text, at + bad, 'a kms: ciphertext must be base64');
  const { common } = commonOptions(text, options, ['raw', 'json', 'binary']);
  return {
    text,
    dialect: 'native',
    kind: 'kms',
    ciphertext: target,
    ...common,
  };
}
