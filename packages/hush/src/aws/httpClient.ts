/**
 * A small HTTP/1.1 client straight over `node:net`/`node:tls`, with keep-alive sockets per origin:
 * all that the AWS JSON client and the extension transport need (one request per socket at a time,
 * Content-Length, chunked or read-to-close bodies). It replaces `node:http`, whose own modules and
 * per-request machinery (ClientRequest, Agent, header validation, the HTTP parser) cost a cold start
 * more than the rest of hush together. The modules are loaded on the first request, and only the
 * one the endpoint needs (TLS is not loaded for an http endpoint such as the Lambda extension).
 * An IP literal is connected to directly; a host name goes through `dns.lookup` as in `node:http`.
 */
import type { Socket } from 'node:net';
import { AttemptTimeout } from './attemptTimeout.js';

export interface HttpResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
}

/** Idle keep-alive sockets by origin; a request takes the most recently used one. */
const idle = new Map<string, Socket[]>();

type Net = typeof import('node:net');
type Tls = typeof import('node:tls');

/** Synchronous where Node has `process.getBuiltinModule` (20.16+), which skips the ESM loader. */
const builtin = <T>(id: string): T | Promise<T> =>
  (process.getBuiltinModule?.(id) as T | undefined) ?? (import(id) as Promise<T>);

/**
 * Sends one request; `headers` must hold Host (and Content-Length when there is a body). Past
 * `timeoutMs` (connecting included) the socket is destroyed and the call rejects with `AttemptTimeout`.
 */
export async function httpRequest(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs?: number,
): Promise<HttpResponse> {
  let head = `${method} ${url.pathname}${url.search} HTTP/1.1\r\n`;
  for (const name in headers) {
    const value = headers[name];
    // A line break in a value (say, a malformed session token) would split the request.
    if (/[\r\n]/.test(`${name}${value}`)) throw new Error(`the ${name} header holds a line break`);
    head += `${name}: ${value}\r\n`;
  }
  const origin = `${url.protocol}//${url.host}`;
  const pool = idle.get(origin) ?? [];
  idle.set(origin, pool);
  const socket = pool.pop() ?? (await connect(url, pool));
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let received = 0;
    let needed = 1;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (error: unknown, response?: Done) => {
      socket.off('data', onData).off('close', onClose).off('error', finish);
      clearTimeout(timer);
      // Back to the pool unreferenced, so an idle socket never keeps the process alive.
      if (response?.keepAlive) pool.push(socket.unref());
      else socket.destroy();
      if (response) resolve(response);
      else reject(error);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received < needed) return;
      const data = Buffer.concat(chunks, received);
      chunks = [data];
      const answer = parseResponse(data, false);
      if (typeof answer === 'number') needed = answer;
      else finish(undefined, answer);
    };
    const onClose = () => {
      const answer = parseResponse(Buffer.concat(chunks, received), true);
      if (typeof answer !== 'number') finish(undefined, answer);
      else finish(Object.assign(new Error('the connection closed mid-response'), { code: 'ECONNRESET' }));
    };
    socket.ref().on('data', onData).on('close', onClose).on('error', finish).write(`${head}\r\n${body}`);
    // Armed once the request is on its way: a process's first timer costs about half a millisecond,
    // which a cold start then spends while the service works instead of before it is asked.
    if (timeoutMs !== undefined) timer = setTimeout(() => finish(new AttemptTimeout(timeoutMs)), timeoutMs);
  });
}

async function connect(url: URL, pool: Socket[]): Promise<Socket> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const net = await builtin<Net>('node:net');
  const socket =
    url.protocol === 'https:'
      ? (await builtin<Tls>('node:tls')).connect({
          host,
          port: Number(url.port) || 443,
          // SNI takes a name, never an IP address; the certificate is checked against `host` either way.
          ...(net.isIP(host) ? {} : { servername: host }),
        })
      : net.connect(Number(url.port) || 80, host);
  // An idle socket the server closes (its keep-alive timeout) leaves the pool; an error while idle
  // is followed by that close and must not crash the process.
  return socket
    .setNoDelay(true)
    .on('error', () => undefined)
    .on('close', () => {
      const at = pool.indexOf(socket);
      if (at >= 0) pool.splice(at, 1);
    });
}

type Done = HttpResponse & { keepAlive: boolean };

/**
 * The response once `data` holds all of it, else the byte count worth waiting for before trying
 * again. With `ended` (the peer closed), a body without a length runs to the end.
 */
export function parseResponse(data: Buffer, ended: boolean): Done | number {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return data.length + 1;
  const [statusLine = '', ...lines] = data.toString('latin1', 0, headEnd).split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const bodyAt = headEnd + 4;
  // A 1xx interim answer precedes the real one.
  if (status < 200) {
    const next = parseResponse(data.subarray(bodyAt), ended);
    return typeof next === 'number' ? next + bodyAt : next;
  }
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  const chunked = /chunked/i.test(headers['transfer-encoding'] ?? '');
  const length = headers['content-length'];
  let body: Buffer | undefined = data.subarray(bodyAt);
  if (status === 204 || status === 304) body = body.subarray(0, 0);
  else if (chunked) body = dechunk(body);
  else if (length !== undefined) {
    if (body.length < Number(length)) return bodyAt + Number(length);
    body = body.subarray(0, Number(length));
  } else if (!ended) return data.length + 1;
  if (!body) return data.length + 1;
  const keepAlive =
    !ended &&
    statusLine.startsWith('HTTP/1.1') &&
    !/close/i.test(headers.connection ?? '') &&
    (chunked || length !== undefined || status === 204 || status === 304);
  return { status, headers, body: body.toString('utf8'), keepAlive };
}

/** A chunked body decoded, or undefined while its last chunk has not arrived. */
function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(data.toString('latin1', at, lineEnd), 16);
    // The last chunk, then optional trailers up to an empty line.
    if (size === 0) return data.indexOf('\r\n\r\n', lineEnd) < 0 ? undefined : Buffer.concat(parts);
    if (!(size > 0) || data.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
