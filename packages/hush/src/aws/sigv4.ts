/**
 * AWS Signature Version 4 for the one request shape hush sends: a POST with a JSON body and no query
 * string. Written out (about 1 KB minified) instead of bundling a general signer, so the runtime stays
 * under its bundle budget and needs no CommonJS interop when bundled as ESM. The test suite checks it
 * byte for byte against `aws4` and against `hush serve`'s strict-mode verification.
 */
import type { AwsCredentials } from './environment.js';
import { type Hashing, hashingForNextSignature } from './hashing.js';

export interface SignableRequest {
  host: string;
  path: string;
  service: string;
  region: string;
  headers: Record<string, string>;
  body: string;
}

const signingKeys = new Map<string, Uint8Array>();

/** Returns the headers to send: the given ones plus Host, Content-Length, X-Amz-Date, token, Authorization. */
export function signRequest(
  request: SignableRequest,
  credentials: AwsCredentials,
  now: Date = new Date(),
  { sha256Hex, hmac }: Hashing = hashingForNextSignature(),
): Record<string, string> {
  const datetime = now.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const date = datetime.slice(0, 8);
  const headers: Record<string, string> = {
    ...request.headers,
    Host: request.host,
    'Content-Length': String(Buffer.byteLength(request.body)),
    'X-Amz-Date': datetime,
    ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
  };
  // Plain loops, no destructured pairs: a cold start signs in V8's interpreter, where destructuring
  // a pair allocates an iterator and a result object for each element.
  const values: Record<string, string> = {};
  for (const name in headers) values[name.toLowerCase()] = headers[name]!.trim().replace(/\s+/g, ' ');
  const names = Object.keys(values).sort();
  let canonicalHeaders = '';
  for (let i = 0; i < names.length; i++) canonicalHeaders += `${names[i]}:${values[names[i]!]}\n`;
  const signedHeaders = names.join(';');
  const canonicalRequest = `POST\n${canonicalPath(request.path)}\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256Hex(request.body)}`;
  const scope = `${date}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', datetime, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = signingKey(credentials.secretAccessKey, date, request, hmac);
  const signature = Buffer.from(hmac(key, stringToSign)).toString('hex');
  headers.Authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

function signingKey(
  secret: string,
  date: string,
  request: SignableRequest,
  hmac: Hashing['hmac'],
): Uint8Array {
  const id = `${secret}\0${date}\0${request.region}\0${request.service}`;
  let key = signingKeys.get(id);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), request.region), request.service), 'aws4_request');
    if (signingKeys.size > 50) signingKeys.clear();
    signingKeys.set(id, key);
  }
  return key;
}

/**
 * The path arrives URL-encoded (from `URL.pathname`); encoding each segment once more gives the double
 * encoding SigV4 requires for every service but S3.
 */
function canonicalPath(path: string): string {
  if (path === '' || path === '/') return '/';
  return path
    .replace(/\/{2,}/g, '/')
    .split('/')
    .map(encode)
    .join('/');
}

const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
