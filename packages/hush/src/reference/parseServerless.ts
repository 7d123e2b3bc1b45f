/**
 * The Serverless Framework's SSM variables, with v3 semantics:
 *
 *   ${ssm:/p}   ${ssm(raw):/p}   ${ssm(noDecrypt):/p}   ${ssm(eu-west-1):/p}   ${ssm(eu-west-1, raw):/p}
 *   ${ssm:/aws/reference/secretsmanager/ID}            ${ssm:/p, 'default'}
 *
 * String → as is; StringList → array; SecureString → decrypted and JSON-parsed when it starts with
 * `{` unless `raw`. `noDecrypt` leaves a SecureString encrypted.
 */
import { checkRegion, parseSsmAddress } from './names.js';
import { ReferenceSyntaxError } from './referenceSyntaxError.js';
import type { SsmParameterReference } from './types.js';

export function parseServerless(text: string): SsmParameterReference {
  if (!text.startsWith('${') || !text.endsWith('}')) {
    throw new ReferenceSyntaxError(text, 0, 'a Serverless variable looks like ${ssm:/name}');
  }
  const inner = text.slice(2, -1);
  const innerAt = 2;
  const sourceMatch = /^\s*ssm(\(([^)]*)\))?:/.exec(inner);
  if (!sourceMatch) {
    const source = /^\s*([A-Za-z]+)/.exec(inner)?.[1];
    throw new ReferenceSyntaxError(
      text,
      innerAt,
      source ? `"${source}" variables are not secret references (expected ssm:)` : 'expected ssm: or ssm(…):',
    );
  }
  let region: string | undefined;
  let raw = false;
  let decrypt = true;
  if (sourceMatch[2] !== undefined) {
    let offset = innerAt + inner.indexOf('(') + 1;
    for (const part of sourceMatch[2].split(',')) {
      const param = part.trim();
      const at = offset + part.indexOf(param);
      if (param === 'raw') raw = true;
      else if (param === 'noDecrypt') decrypt = false;
      else if (param === '') throw new ReferenceSyntaxError(text, at, 'empty ssm() parameter');
      else {
        if (region)
          throw new ReferenceSyntaxError(text, at, `region given twice ("${region}" and "${param}")`);
        checkRegion(text, param, at);
        region = param;
      }
      offset += part.length + 1;
    }
  }
  const restAt = innerAt + sourceMatch[0].length;
  const rest = text.slice(restAt, -1);
  // A parameter name holds no comma: the first one starts the fallback.
  const comma = rest.indexOf(',');
  const address = (comma < 0 ? rest : rest.slice(0, comma)).trim();
  const head: Omit<SsmParameterReference, 'name'> = {
    text,
    dialect: 'serverless',
    kind: 'ssm',
    decrypt,
    format: raw ? 'raw' : 'serverless-auto',
  };
  const reference: SsmParameterReference = Object.assign(
    head,
    parseSsmAddress(text, address, restAt + rest.indexOf(address), false),
  );
  if (region) reference.region = region;
  if (comma >= 0) {
    const fallback = rest.slice(comma + 1);
    const literal = fallback.trim();
    reference.fallback = parseFallback(text, literal, restAt + comma + 1 + fallback.indexOf(literal));
  }
  return reference;
}

function parseFallback(text: string, literal: string, at: number): string | number | boolean | null {
  if (literal === '') throw new ReferenceSyntaxError(text, at, 'expected a fallback value after ","');
  const quoted = /^(['"])(.*)\1$/s.exec(literal);
  if (quoted) return quoted[2]!;
  if (/^-?\d+(\.\d+)?$/.test(literal)) return Number(literal);
  if (literal === 'true' || literal === 'false') return literal === 'true';
  if (literal === 'null') return null;
  if (literal.startsWith('${')) {
    throw new ReferenceSyntaxError(
      text,
      at,
      'a nested variable as fallback is resolved by the Serverless Framework, not at run time',
    );
  }
  throw new ReferenceSyntaxError(text, at, 'a fallback is a quoted string, a number, true, false or null');
}
