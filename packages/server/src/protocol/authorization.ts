/**
 * Reads the SigV4 `Authorization` header for what the server needs from it: the access key and the
 * credential scope (date, region, service). Shape is always checked; signature verification is a
 * separate step that only strict mode performs.
 */
import { AwsError } from './awsError.js';

export interface SigV4Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const FIELDS = ['Credential', 'SignedHeaders', 'Signature'] as const;
type AuthorizationField = (typeof FIELDS)[number];
const isField = (name: string): name is AuthorizationField =>
  name === 'Credential' || name === 'SignedHeaders' || name === 'Signature';

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
  // One pass over `name=value` parts, as a split on ',' would find them, without the array and
  // copies: the header is read on every request.
  const fields: Partial<Record<AuthorizationField, string>> = {};
  for (let start = ALGORITHM.length + 1; start <= trimmed.length; ) {
    let end = trimmed.indexOf(',', start);
    if (end < 0) end = trimmed.length;
    const eq = trimmed.indexOf('=', start);
    if (eq > start && eq < end) {
      const name = trimmed.slice(start, eq).trim();
      if (isField(name)) fields[name] = trimmed.slice(eq + 1, end).trim();
    }
    start = end + 1;
  }
  const { Credential: credential, SignedHeaders: signedHeaders, Signature: signature } = fields;
  if (!credential || !signedHeaders || !signature) {
    const missing = FIELDS.filter((name) => !fields[name]);
    throw new AwsError(
      'IncompleteSignatureException',
      missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ') +
        ` Authorization=${trimmed}`.replace(/Signature=[0-9a-f]+/i, 'Signature=…'),
    );
  }
  const scope = credential.split('/');
  if (
    scope.length !== 5 ||
    scope[4] !== 'aws4_request' ||
    !/^\d{8}$/.test(scope[1]!) ||
    scope.some((s) => !s)
  ) {
    throw new AwsError(
      'IncompleteSignatureException',
      `Credential should be scoped to a valid region, not '${scope[2] ?? ''}'. Credential should be scoped correctly with a five-part scope: <key>/<date>/<region>/<service>/aws4_request.`,
    );
  }
  return {
    accessKeyId: scope[0]!,
    date: scope[1]!,
    region: scope[2]!,
    service: scope[3]!,
    signedHeaders: signedHeaders.split(';'),
    signature,
  };
}
