/**
 * A closed-loop load generator: `concurrency` workers on one keep-alive agent, each sending its
 * next request as soon as the previous answer is read. Every request is signed with SigV4 by `aws4`
 * just before it is sent, as a real client would do it.
 */
import { Agent, request } from 'node:http';
import aws4 from 'aws4';
import { percentile, sortedCopy } from '../support/statistics.js';

export interface LoadTarget {
  url: string;
  /** X-Amz-Target, e.g. `AmazonSSM.GetParameter`. */
  target: string;
  /** SigV4 signing name. */
  service: string;
  body: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Sends `total` requests from `concurrency` workers. `presign` signs once and reuses the headers
 * (valid for SigV4's 5-minute clock-skew window), taking the client's signing cost out of the figures.
 */
export async function runLoad(
  load: LoadTarget,
  total: number,
  concurrency: number,
  presign = false,
  onCompleted?: (completed: number) => void,
): Promise<LoadResult> {
  const { hostname, port } = new URL(load.url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = new Float64Array(total);
  let issued = 0;
  let failures = 0;
  let completed = 0;

  const sign = () => signedHeaders(load, `${hostname}:${port}`);
  const fixedHeaders = presign ? sign() : undefined;
  const once = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const headers = fixedHeaders ?? sign();
      const req = request({ agent, hostname, port, path: '/', method: 'POST', headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(load.body);
    });

  const worker = async () => {
    while (issued < total) {
      const slot = issued++;
      const started = process.hrtime.bigint();
      const status = await once();
      latencies[slot] = Number(process.hrtime.bigint() - started) / 1e6;
      if (status !== 200) failures++;
      onCompleted?.(++completed);
    }
  };

  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  const sorted = sortedCopy(latencies);
  return {
    requests: total,
    failures,
    seconds,
    perSecond: total / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

function signedHeaders(load: LoadTarget, host: string): Record<string, string> {
  const signed = aws4.sign(
    {
      host,
      path: '/',
      method: 'POST',
      service: load.service,
      region: 'us-east-1',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': load.target },
      body: load.body,
    },
    load.credentials,
  );
  return signed.headers as Record<string, string>;
}

/** What one SigV4 signature costs the generator, in microseconds, to judge whether signing dominates. */
export function signingCostMicros(load: LoadTarget, iterations = 5000): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) signedHeaders(load, '127.0.0.1:1');
  return Number(process.hrtime.bigint() - started) / 1e3 / iterations;
}
