/**
 * The SigV4 canonical request, built from what actually arrived on the wire (method, path, query,
 * the signed headers' values and the body's hash), so that any change in transit shows up as a
 * signature mismatch. Paths are normalised and encoded twice, as for every service except S3.
 */
import type { IncomingMessage } from 'node:http';
import { sha256Hex } from './sha256.js';

const encodeRfc3986 = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function canonicalPath(rawPath: string): string {
  // Every AWS JSON call posts to `/`.
  if (rawPath === '/') return '/';
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(encodeRfc3986(segment));
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return `/${segments.join('/')}${trailing}`;
}

export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  return rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      return [encodeRfc3986(safeDecode(key)), encodeRfc3986(safeDecode(value))] as const;
    })
    .sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** Anything `canonicalValue` would change: outer whitespace, a run of it, or whitespace other than a space. */
const NOT_CANONICAL = /^\s|\s$|\s\s|[^\S ]/;

/**
 * A header value in its canonical form: trimmed, inner whitespace runs as one space. Most values
 * already are, and then the test spares the copies the trim and replace would make.
 */
const canonicalValue = (value: string): string =>
  NOT_CANONICAL.test(value) ? value.trim().replace(/\s+/g, ' ') : value;

/**
 * Header values by lower-cased name, in their canonical form, a repeated header's values joined with
 * ',' in arrival order (rawHeaders keeps them apart) as the canonical request lists them. Only the
 * wanted headers are kept: the signed ones and those the verifier reads (`alsoWanted`).
 */
export function headerValues(
  request: IncomingMessage,
  wanted: readonly string[],
  alsoWanted: readonly string[] = [],
): Map<string, string> {
  const values = new Map<string, string>();
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!wanted.includes(name) && !alsoWanted.includes(name)) continue;
    const value = canonicalValue(raw[i + 1]!);
    const earlier = values.get(name);
    values.set(name, earlier === undefined ? value : `${earlier},${value}`);
  }
  return values;
}

export function canonicalRequest(
  request: IncomingMessage,
  body: Buffer,
  signedHeaders: readonly string[],
  headers: ReadonlyMap<string, string>,
): string {
  const url = request.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  let canonicalHeaders = '';
  for (const name of signedHeaders) canonicalHeaders += `${name}:${headers.get(name) ?? ''}\n`;
  // One template rather than an array joined: this runs on every strict-mode request.
  return `${request.method ?? 'POST'}\n${canonicalPath(path)}\n${canonicalQuery(query)}\n${canonicalHeaders}\n${signedHeaders.join(';')}\n${sha256Hex(body)}`;
}
