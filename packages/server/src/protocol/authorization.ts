/**
 * Reads the SigV4 `Authorization` header for what the server needs from it: the access key and the
 * credential scope (date, region, service). Shape is always checked; signature verification is a
 * separate step that only strict mode performs.
 */
import { BoundedMap } from '../caches/boundedMap.js';
import { AwsError } from './awsError.js';

export interface SigV4Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  /** `<date>/<region>/<service>/aws4_request`, as the string to sign carries it. */
  scope: string;
  /** Shared between requests that sign the same headers: never changed. */
  signedHeaders: readonly string[];
  signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const FIELDS = ['Credential', 'SignedHeaders', 'Signature'] as const;
type AuthorizationField = (typeof FIELDS)[number];

export function parseAuthorization(header: string | undefined): SigV4Authorization {
  if (header === undefined || header.trim() === '') {
    throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  }
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${ALGORITHM} `)) {
    throw new AwsError(
      'IncompleteSignatureException',
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${trimmed.split(' ')[0]}`,
    );
  }
  // One pass over `name=value` parts, as a split on ',' would find them, into three locals: the
  // header is read on every request, and an array of parts or an object of fields costs more here
  // than the rest of the parse.
  let credential: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  for (let start = ALGORITHM.length + 1; start <= trimmed.length; ) {
    let end = trimmed.indexOf(',', start);
    if (end < 0) end = trimmed.length;
    const eq = trimmed.indexOf('=', start);
    if (eq > start && eq < end) {
      const name = trimmed.slice(start, eq).trim();
      const value = trimmed.slice(eq + 1, end).trim();
      if (name === 'Credential') credential = value;
      else if (name === 'SignedHeaders') signedHeaders = value;
      else if (name === 'Signature') signature = value;
    }
    start = end + 1;
  }
  if (!credential || !signedHeaders || !signature) {
    const given: Record<AuthorizationField, string | undefined> = {
      Credential: credential,
      SignedHeaders: signedHeaders,
      Signature: signature,
    };
    const missing = FIELDS.filter((name) => !given[name]);
    throw new AwsError(
      'IncompleteSignatureException',
      missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ') +
        ` Authorization=${trimmed}`.replace(/Signature=[0-9a-f]+/i, 'Signature=…'),
    );
  }
  const slashes = scopeSlashes(credential);
  if (!slashes) {
    const region = credential.split('/')[2] ?? '';
    throw new AwsError(
      'IncompleteSignatureException',
      `Credential should be scoped to a valid region, not '${region}'. Credential should be scoped correctly with a five-part scope: <key>/<date>/<region>/<service>/aws4_request.`,
    );
  }
  const [keyEnd, dateEnd, regionEnd, serviceEnd] = slashes;
  // One literal, members always in this order: an object spread here measurably slows every later read of it.
  return {
    accessKeyId: credential.slice(0, keyEnd),
    date: credential.slice(keyEnd + 1, dateEnd),
    region: credential.slice(dateEnd + 1, regionEnd),
    service: credential.slice(regionEnd + 1, serviceEnd),
    scope: credential.slice(keyEnd + 1),
    signedHeaders: signedHeaderList(signedHeaders),
    signature,
  };
}

/**
 * The SignedHeaders list, split once per distinct text: a client signs the same headers on every call
 * of an operation, and splitting the text anew made five strings and an array on every request.
 */
const signedHeaderLists = new BoundedMap<string, readonly string[]>(256);
function signedHeaderList(text: string): readonly string[] {
  let list = signedHeaderLists.get(text);
  if (!list) {
    list = Object.freeze(text.split(';'));
    signedHeaderLists.set(text, list);
  }
  return list;
}

const TERMINATOR = '/aws4_request';

/**
 * Where the four slashes of `<key>/<YYYYMMDD>/<region>/<service>/aws4_request` are, if the credential
 * is that, every part non-empty: read by position rather than split into an array and tested part by
 * part.
 */
function scopeSlashes(credential: string): [number, number, number, number] | undefined {
  if (!credential.endsWith(TERMINATOR)) return undefined;
  const keyEnd = credential.indexOf('/');
  const dateEnd = keyEnd + 9;
  const regionEnd = credential.indexOf('/', dateEnd + 1);
  const serviceEnd = credential.length - TERMINATOR.length;
  if (keyEnd < 1 || credential.charCodeAt(dateEnd) !== 0x2f || regionEnd <= dateEnd + 1) return undefined;
  if (serviceEnd <= regionEnd + 1 || credential.indexOf('/', regionEnd + 1) !== serviceEnd) return undefined;
  for (let i = keyEnd + 1; i < dateEnd; i++) {
    const c = credential.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  return [keyEnd, dateEnd, regionEnd, serviceEnd];
}
