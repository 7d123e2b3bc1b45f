/** The character rules AWS applies to the names a reference carries. */
import { ReferenceSyntaxError } from './referenceSyntaxError.js';

// SSM: letters, digits and . - _ / (AWS's allowed set for parameter names).
const SSM_NAME = /^[A-Za-z0-9_./-]+$/;
const SSM_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9_./-]+$/;
// Secrets Manager: letters, digits and /_+=.@- ; or a full/partial ARN.
const SECRET_ID = /^[A-Za-z0-9/_+=.@-]+$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
const LABEL = /^[A-Za-z0-9_.-]{1,100}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function checkSsmName(text: string, name: string, at: number): void {
  if (name === '') throw new ReferenceSyntaxError(text, at, 'the parameter name is empty');
  if (name.startsWith('arn:')) {
    if (!SSM_ARN.test(name)) throw new ReferenceSyntaxError(text, at, 'not a valid SSM parameter ARN');
    return;
  }
  const bad = [...name].findIndex((ch) => !SSM_NAME.test(ch));
  if (bad >= 0) {
    throw new ReferenceSyntaxError(
      text,
      at + bad,
      `"${name[bad]}" is not allowed in a parameter name (letters, digits, . - _ /)`,
    );
  }
  if (name.length > 2048)
    throw new ReferenceSyntaxError(text, at, 'a parameter name has at most 2048 characters');
}

export function checkSecretId(text: string, id: string, at: number): void {
  if (id === '') throw new ReferenceSyntaxError(text, at, 'the secret id is empty');
  if (id.startsWith('arn:')) {
    if (!SECRET_ARN.test(id))
      throw new ReferenceSyntaxError(text, at, 'not a valid Secrets Manager secret ARN');
    return;
  }
  const bad = [...id].findIndex((ch) => !SECRET_ID.test(ch));
  if (bad >= 0) {
    throw new ReferenceSyntaxError(
      text,
      at + bad,
      `"${id[bad]}" is not allowed in a secret name (letters, digits, /_+=.@-)`,
    );
  }
  if (id.length > 2048) throw new ReferenceSyntaxError(text, at, 'a secret id has at most 2048 characters');
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
