/**
 * Strict mode's SigV4 check: the access key must be configured (with its session token, unexpired),
 * the credential scope must name the request's date and service, the clock skew must be within
 * 15 minutes, and the signature must match the one computed from the canonical request with the
 * configured secret key. Failures are the errors (code, wording, status 400) the JSON services give.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BoundedMap } from '../caches/boundedMap.js';
import type { SigV4Authorization } from '../protocol/authorization.js';
import { AwsError } from '../protocol/awsError.js';
import { canonicalRequest, headerValues } from './canonicalRequest.js';
import type { AccessKey, AuthConfig } from './config.js';
import { type HmacKey, hmacKey, hmacSha256Hex } from './hmacSha256.js';
import { sha256Hex } from './sha256.js';

const MAX_SKEW_MS = 15 * 60 * 1000;
/** Headers the verifier reads whether signed or not. */
const VERIFIER_HEADERS = ['x-amz-date', 'date', 'x-amz-security-token'];

export const invalidToken = (): AwsError =>
  new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
const expiredToken = (): AwsError =>
  new AwsError('ExpiredTokenException', 'The security token included in the request is expired');
const invalidSignature = (message: string): AwsError => new AwsError('InvalidSignatureException', message);

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

interface ParsedDate {
  ms: number;
  basic: string;
}

/** Requests signed within the same second carry the same date: the last one parsed is kept. */
let lastDate: { text: string; parsed: ParsedDate | undefined } = { text: '', parsed: undefined };
function parseAmzDateOnce(text: string): ParsedDate | undefined {
  if (lastDate.text !== text) lastDate = { text, parsed: parseAmzDate(text) };
  return lastDate.parsed;
}

/** `20260101T120000Z` (or an HTTP date) → epoch ms and the ISO-8601 basic form. */
function parseAmzDate(text: string): ParsedDate | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (m) {
    const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
    const at = new Date(ms);
    // Date.UTC rolls over out-of-range fields (month 13, year 0099); only an exact date is its own form.
    const exact =
      at.getUTCFullYear() === +m[1]! &&
      at.getUTCMonth() === +m[2]! - 1 &&
      at.getUTCDate() === +m[3]! &&
      at.getUTCHours() === +m[4]! &&
      at.getUTCMinutes() === +m[5]! &&
      at.getUTCSeconds() === +m[6]!;
    return { ms, basic: exact ? text : formatAmzDate(ms) };
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : { ms: parsed, basic: formatAmzDate(parsed) };
}
const formatAmzDate = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * Signing keys by access key and credential scope, kept with their HMAC pads worked out: verifying
 * then costs two hashes (see hmacSha256.ts) instead of six. Keyed by the scope text the request
 * carries, so that finding one builds no string.
 */
const signingKeys = new WeakMap<AccessKey, BoundedMap<string, HmacKey>>();
const MAX_SCOPES_PER_KEY = 64;

function signingKey(key: AccessKey, auth: SigV4Authorization): HmacKey {
  let scopes = signingKeys.get(key);
  if (!scopes) {
    scopes = new BoundedMap(MAX_SCOPES_PER_KEY);
    signingKeys.set(key, scopes);
  }
  let signing = scopes.get(auth.scope);
  if (!signing) {
    const hmac = (k: string | Buffer, data: string) => createHmac('sha256', k).update(data).digest();
    const dateKey = hmac(`AWS4${key.secretAccessKey}`, auth.date);
    signing = hmacKey(hmac(hmac(hmac(dateKey, auth.region), auth.service), 'aws4_request'));
    scopes.set(auth.scope, signing);
  }
  return signing;
}

const HEX_SIGNATURE = /^[0-9a-f]{64}$/i;

/**
 * Whether the provided signature (hex, either case) is the expected one (lower-case hex), in a time
 * that does not depend on where they differ. `| 0x20` lower-cases A-F and leaves digits alone; the
 * pattern lets nothing else through. No buffers: this runs on every strict-mode request.
 */
function sameSignature(provided: string, expected: string): boolean {
  if (provided.length !== expected.length || !HEX_SIGNATURE.test(provided)) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) {
    difference |= (provided.charCodeAt(i) | 0x20) ^ expected.charCodeAt(i);
  }
  return difference === 0;
}

export interface VerifyInput {
  request: IncomingMessage;
  body: Buffer;
  authorization: SigV4Authorization;
  /** The signing name of the service the target belongs to (`kms`, `ssm`, `secretsmanager`). */
  service: string | undefined;
  now: number;
}

export function verifySignature(config: AuthConfig, input: VerifyInput): AccessKey {
  const { request, authorization: auth } = input;
  const headers = headerValues(request, auth.signedHeaders, VERIFIER_HEADERS);
  const amzDate = headers.get('x-amz-date') ?? headers.get('date');
  if (amzDate === undefined) {
    throw new AwsError(
      'IncompleteSignatureException',
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${String(request.headers.authorization ?? '')}`,
    );
  }
  if (!auth.signedHeaders.includes('host')) {
    throw new AwsError(
      'IncompleteSignatureException',
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }
  const key = config.accessKeys.get(auth.accessKeyId);
  if (!key) throw invalidToken();
  const token = headers.get('x-amz-security-token');
  if (token !== key.sessionToken) throw invalidToken();
  if (key.expiresAt !== undefined && input.now >= key.expiresAt) throw expiredToken();

  const parsedDate = parseAmzDateOnce(amzDate);
  if (parsedDate === undefined) {
    throw new AwsError(
      'IncompleteSignatureException',
      `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  const { ms: signedAt, basic: isoDate } = parsedDate;
  if (auth.date !== isoDate.slice(0, 8)) {
    throw invalidSignature(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${isoDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (input.service !== undefined && auth.service !== input.service) {
    throw invalidSignature(`Credential should be scoped to correct service: '${input.service}'. `);
  }
  if (signedAt < input.now - MAX_SKEW_MS) {
    throw invalidSignature(
      `Signature expired: ${isoDate} is now earlier than ${formatAmzDate(input.now - MAX_SKEW_MS)} (${formatAmzDate(input.now)} - 15 min.)`,
    );
  }
  if (signedAt > input.now + MAX_SKEW_MS) {
    throw invalidSignature(
      `Signature not yet current: ${isoDate} is still later than ${formatAmzDate(input.now + MAX_SKEW_MS)} (${formatAmzDate(input.now)} + 15 min.)`,
    );
  }

  const canonicalHash = sha256Hex(canonicalRequest(request, input.body, auth.signedHeaders, headers));
  const expected = hmacSha256Hex(
    signingKey(key, auth),
    `AWS4-HMAC-SHA256\n${amzDate}\n${auth.scope}\n${canonicalHash}`,
  );
  if (!sameSignature(auth.signature, expected)) throw invalidSignature(SIGNATURE_MISMATCH);
  return key;
}
