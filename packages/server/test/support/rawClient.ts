/**
 * A bare AWS JSON 1.1 poster for tests that must send what no SDK would: broken JSON, wrong types,
 * bad or missing signatures. Keep-alive, so tens of thousands of requests stay cheap.
 */
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

export const fakeAuthorization = (region = 'us-east-1', service = 'kms', accessKey = 'AKIAFUZZ') =>
  `AWS4-HMAC-SHA256 Credential=${accessKey}/20260101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000`;

export function rawPost(
  url: string,
  target: string,
  body: string | Buffer,
  headers: Record<string, string> = { authorization: fakeAuthorization() },
  timeoutMs = 10_000,
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname,
        port,
        path: '/',
        method: 'POST',
        agent,
        timeout: timeoutMs,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms for ${target}`)));
    req.on('error', reject);
    req.end(body);
  });
}
