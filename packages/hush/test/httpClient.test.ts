import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../../server/test/support/childProcess.js';
import { AttemptTimeout } from '../src/aws/attemptTimeout.js';
import { httpRequest, parseResponse } from '../src/aws/httpClient.js';

// A real node:http server: what hush serve and the Lambda extension run on.
let server: http.Server;
let base: string;
const sockets = new Set<string>();

before(async () => {
  server = http.createServer((req, res) => {
    sockets.add(`${req.socket.remotePort}`);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('one,');
        setTimeout(() => res.end('two'), 20);
      } else if (url.pathname === '/close') {
        res.writeHead(200, { connection: 'close', 'content-length': 2 }).end('ok');
      } else if (url.pathname === '/slow') {
        setTimeout(() => res.writeHead(200, { 'content-length': 4 }).end('slow'), 500);
      } else if (url.pathname === '/big') {
        const big = 'é'.repeat(300_000);
        res.writeHead(200, { 'content-length': Buffer.byteLength(big) }).end(big);
      } else {
        const answer = JSON.stringify({
          method: req.method,
          query: url.search,
          body,
          host: req.headers.host,
        });
        res.writeHead(201, { 'content-length': Buffer.byteLength(answer), 'x-amzn-requestid': 'r-1' });
        res.end(answer);
      }
    });
  });
  server.keepAliveTimeout = 300;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => server.close());

const post = (path: string, body = '', timeoutMs?: number) => {
  const url = new URL(path, base);
  return httpRequest(
    url,
    'POST',
    { Host: url.host, 'Content-Length': String(Buffer.byteLength(body)) },
    body,
    timeoutMs,
  );
};

describe('httpRequest', () => {
  it('sends method, path, query and a UTF-8 body; reads status, lower-cased headers and body', async () => {
    const answer = await post('/a?x=1', '{"v":"ü"}');
    assert.equal(answer.status, 201);
    assert.equal(answer.headers['x-amzn-requestid'], 'r-1');
    assert.deepEqual(JSON.parse(answer.body), {
      method: 'POST',
      query: '?x=1',
      body: '{"v":"ü"}',
      host: new URL(base).host,
    });
  });

  it('keeps connections alive: sequential requests share one socket, parallel ones open their own', async () => {
    sockets.clear();
    for (let i = 0; i < 3; i++) await post('/');
    assert.equal(sockets.size, 1);
    sockets.clear();
    await Promise.all([post('/'), post('/'), post('/')]);
    assert.equal(sockets.size, 3);
  });

  it('reads a chunked body, a large body in many packets, and a connection: close answer', async () => {
    assert.equal((await post('/chunked')).body, 'one,two');
    assert.equal((await post('/big')).body, 'é'.repeat(300_000));
    assert.equal((await post('/close')).body, 'ok');
    assert.equal((await post('/')).status, 201);
  });

  it("survives the server's idle timeout: the closed socket leaves the pool", async () => {
    await post('/');
    await new Promise((done) => setTimeout(done, 600));
    assert.equal((await post('/')).status, 201);
  });

  it('past its timeout a request is destroyed and rejects with AttemptTimeout; the pool goes on', async () => {
    await assert.rejects(post('/slow', '', 50), (error) => {
      assert.ok(error instanceof AttemptTimeout);
      assert.equal(error.timeoutMs, 50);
      assert.match(error.message, /no answer within 50 ms/);
      return true;
    });
    assert.equal((await post('/')).status, 201);
  });

  it('an answer within the timeout is not cut short, and leaves no timer behind', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const answer = await post('/', 'x', 60_000);
    assert.equal(answer.status, 201);
    // A timer left armed would keep the event loop alive for a minute.
    assert.equal(timers(), before);
  });

  it('a refused connection fails with its network code (retryable)', async () => {
    const spare = net.createServer();
    await new Promise<void>((done) => spare.listen(0, '127.0.0.1', done));
    const port = (spare.address() as AddressInfo).port;
    await new Promise<void>((done) => spare.close(() => done()));
    const url = new URL(`http://127.0.0.1:${port}/`);
    await assert.rejects(httpRequest(url, 'GET', { Host: url.host }, ''), { code: 'ECONNREFUSED' });
  });

  it('refuses a header value with a line break', async () => {
    const url = new URL('/', base);
    await assert.rejects(
      httpRequest(url, 'GET', { Host: url.host, 'X-Amz-Security-Token': 'a\r\nX-Evil: 1' }, ''),
      /line break/,
    );
  });
});

describe('httpRequest over TLS', () => {
  let dir: string;
  let tlsServer: https.Server;
  let port: number;

  before(async () => {
    // A throwaway self-signed certificate for localhost, made for this run only.
    dir = mkdtempSync(join(tmpdir(), 'hush-tls-'));
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
        ...['-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem')],
        ...['-out', join(dir, 'cert.pem')],
      ],
      { stdio: 'ignore' },
    );
    tlsServer = https.createServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (req, res) =>
        res
          .writeHead(200, { 'content-length': 3 })
          .end(String((req.socket as TLSSocket).servername).slice(0, 3)),
    );
    await new Promise<void>((done) => tlsServer.listen(0, '127.0.0.1', done));
    port = (tlsServer.address() as AddressInfo).port;
  });

  after(() => {
    tlsServer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the certificate: an unknown issuer and a name it does not cover are refused', async () => {
    const byName = new URL(`https://localhost:${port}/`);
    await assert.rejects(httpRequest(byName, 'GET', { Host: byName.host }, ''), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    const byIp = new URL(`https://127.0.0.1:${port}/`);
    await assert.rejects(httpRequest(byIp, 'GET', { Host: byIp.host }, ''), /self-signed|altname|IP/i);
  });

  it('with the issuer trusted (NODE_EXTRA_CA_CERTS), answers over TLS and sends the host name as SNI', async () => {
    const client = fileURLToPath(new URL('../src/aws/httpClient.ts', import.meta.url));
    const script = `import { httpRequest } from ${JSON.stringify(client)};
      const url = new URL('https://localhost:${port}/');
      const answer = await httpRequest(url, 'GET', { Host: url.host }, '');
      process.stdout.write(answer.status + ' ' + answer.body);`;
    // A child process, since Node reads NODE_EXTRA_CA_CERTS at start; this one keeps serving meanwhile.
    const { stdout, stderr } = await runProcess(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') } },
    );
    assert.equal(stdout, '200 loc', stderr);
  });
});

describe('parseResponse', () => {
  const parse = (text: string, ended = false) => parseResponse(Buffer.from(text, 'latin1'), ended);

  it('waits for the whole head and body, then answers', () => {
    assert.equal(typeof parse('HTTP/1.1 200 OK\r\nContent-Len'), 'number');
    assert.equal(parse('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab'), 38 + 5);
    assert.deepEqual(parse('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: 1\r\nx-a: 2\r\n\r\nab'), {
      status: 200,
      headers: { 'content-length': '2', 'x-a': '1, 2' },
      body: 'ab',
      keepAlive: true,
    });
  });

  it('skips a 1xx interim answer; reads a body without length to the end of the connection', () => {
    const answer = parse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    assert.equal(typeof answer === 'object' && answer.status, 404);
    assert.equal(typeof parse('HTTP/1.1 200 OK\r\n\r\nuntil-close'), 'number');
    const ended = parse('HTTP/1.1 200 OK\r\n\r\nuntil-close', true);
    assert.deepEqual(typeof ended === 'object' && [ended.body, ended.keepAlive], ['until-close', false]);
  });

  it('decodes chunks (with extensions and trailers) only once the last one is in', () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    assert.equal(typeof parse(`${head}3\r\nabc\r\n`), 'number');
    assert.equal(typeof parse(`${head}3\r\nabc\r\n0\r\n`), 'number');
    const answer = parse(`${head}3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n`);
    assert.equal(typeof answer === 'object' && answer.body, 'abcde');
  });
});
