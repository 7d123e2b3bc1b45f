/** The character rules AWS applies to the names a reference carries. */
import { ReferenceSyntaxError } from './referenceSyntaxError.js';

// SSM: letters, digits and . - _ / (AWS's allowed set for parameter names); a match is the first
// character outside it.
const NOT_SSM_NAME = /[^A-Za-z0-9_./-]/;
const SSM_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9_./-]+$/;
// Secrets Manager: letters, digits and /_+=.@- ; or a full/partial ARN.
const NOT_SECRET_ID = /[^A-Za-z0-9/_+=.@-]/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
const LABEL = /^[A-Za-z0-9_.-]{1,100}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export const checkSsmName = (text: string, name: string, at: number): void =>
  checkName(text, name, at, 'parameter name', NOT_SSM_NAME, SSM_ARN, 'SSM parameter', '. - _ /');

export const checkSecretId = (text: string, id: string, at: number): void =>
  checkName(text, id, at, 'secret id', NOT_SECRET_ID, SECRET_ARN, 'Secrets Manager secret', '/_+=.@-');

/** A name or an ARN, with the first character AWS does not allow pointed at. */
function checkName(
  text: string,
  name: string,
  at: number,
  what: string,
  disallowed: RegExp,
  arn: RegExp,
  arnOf: string,
  punctuation: string,
): void {
  if (name === '') throw new ReferenceSyntaxError(text, at, `the ${what} is empty`);
  if (name.startsWith('arn:')) {
    if (!arn.test(name)) throw new ReferenceSyntaxError(text, at, `not a valid ${arnOf} ARN`);
    return;
  }
  const bad = name.search(disallowed);
  if (bad >= 0) {
    throw new ReferenceSyntaxError(
      text,
      at + bad,
      `"${name[bad]}" is not allowed in a ${what.split(' ')[0]} name (letters, digits, ${punctuation})`,
    );
  }
  if (name.length > 2048) throw new ReferenceSyntaxError(text, at, `a ${what} has at most 2048 characters`);
}

export function checkLabel(text: string, label: string, at: number): void {
  if (!LABEL.test(label)) {
    throw new ReferenceSyntaxError(text, at, `"${label}" is neither a version number nor a valid label`);
  }
}

export function checkRegion(text: string, region: string, at: number): void {
  if (!REGION.test(region)) throw new ReferenceSyntaxError(text, at, `"${region}" is not an AWS region name`);
}

export function parseVersion(text: string, value: string, at: number): number {
  const version = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(version) || version < 1) {
    throw new ReferenceSyntaxError(text, at, `"${value}" is not a version number`);
  }
  return version;
}

/** `30s`, `5m`, `1h`, `250ms` or a bare number of seconds → milliseconds. */
export function parseDuration(text: string, value: string, at: number): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value);
  if (!match)
    throw new ReferenceSyntaxError(text, at, `"${value}" is not a duration (like 30s, 5m, 1h or 250ms)`);
  const n = Number(match[1]);
  const unit = match[2] ?? 's';
  return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit]!;
}

export interface SsmAddress {
  name: string;
  version?: number;
  label?: string;
}

/**
 * `name`, `name:3` (version) or `name:live` (label), each part checked. An ARN holds colons of its
 * own: its selector follows the sixth one when `arnSelectors`, else an ARN is taken whole.
 */
export function parseSsmAddress(
  text: string,
  address: string,
  at: number,
  arnSelectors: boolean,
): SsmAddress {
  const isArn = address.startsWith('arn:');
  const selectorAt = !isArn ? address.lastIndexOf(':') : arnSelectors ? nthIndexOf(address, ':', 6) : -1;
  const name = selectorAt < 0 ? address : address.slice(0, selectorAt);
  checkSsmName(text, name, at);
  if (selectorAt < 0) return { name };
  const selector = address.slice(selectorAt + 1);
  const selectorPos = at + selectorAt + 1;
  if (selector === '')
    throw new ReferenceSyntaxError(text, selectorPos, 'expected a version number or label after ":"');
  if (/^\d+$/.test(selector)) return { name, version: parseVersion(text, selector, selectorPos) };
  checkLabel(text, selector, selectorPos);
  return { name, label: selector };
}

function nthIndexOf(text: string, ch: string, n: number): number {
  let index = -1;
  for (let i = 0; i < n; i++) {
    index = text.indexOf(ch, index + 1);
    if (index < 0) return -1;
  }
  return index;
}
