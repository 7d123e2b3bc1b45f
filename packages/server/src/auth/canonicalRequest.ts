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

/**
 * Header values by lower-cased name, duplicates kept in arrival order (rawHeaders keeps them apart),
 * in their canonical form (trimmed, inner whitespace runs as one space). Only the `wanted` headers
 * are kept: the signed ones and those the verifier reads.
 */
export function headerValues(request: IncomingMessage, wanted: readonly string[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!wanted.includes(name)) continue;
    const list = values.get(name) ?? [];
    list.push(raw[i + 1]!.trim().replace(/\s+/g, ' '));
    values.set(name, list);
  }
  return values;
}

export function canonicalRequest(
  request: IncomingMessage,
  body: Buffer,
  signedHeaders: readonly string[],
  headers: Map<string, string[]>,
): string {
  const url = request.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(headers.get(name) ?? []).join(',')}\n`)
    .join('');
  return [
    request.method ?? 'POST',
    canonicalPath(path),
    canonicalQuery(query),
    canonicalHeaders,
    signedHeaders.join(';'),
    sha256Hex(body),
  ].join('\n');
}
