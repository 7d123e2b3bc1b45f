/**
 * A closed-loop load generator in the manner of wrk and autocannon: `concurrency` keep-alive
 * connections, each writing its next request as soon as the previous answer has been read in full.
 * Requests are written as raw HTTP/1.1 bytes and answers parsed just far enough to find their end,
 * so the generator spends little CPU of its own: on a 2-core machine every cycle it saves is a
 * cycle the server under test can use, and the same generator drives every server in the run.
 *
 * By default each request is signed with SigV4 by `aws4` just before it is written, as a real client
 * would. `presign` signs once and repeats the same bytes (valid within SigV4's 15-minute clock
 * skew); the server verifies every signature in full either way.
 */
import { connect, type Socket } from 'node:net';
import { type AwsJsonCall, signedHeaders } from '../support/signedRequest.js';
import { percentile, sortedCopy } from '../support/statistics.js';

/** One AWS JSON call, signed as every other bench client signs it (`bench/support/signedRequest.ts`). */
export type LoadTarget = AwsJsonCall;

export interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** One run of the generator, with every request's latency so that runs can be combined. */
export interface LoadRun extends LoadResult {
  latenciesMs: Float64Array;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Sends `total` requests over `concurrency` connections. An answer other than 200 counts as a
 * failure; a connection error rejects the run.
 */
export async function runLoad(
  load: LoadTarget,
  total: number,
  concurrency: number,
  presign = false,
): Promise<LoadRun> {
  const { hostname, port } = new URL(load.url);
  const fixedRequest = presign ? requestBytes(load) : undefined;
  const latencies = new Float64Array(total);
  let issued = 0;
  let failures = 0;

  const connection = () =>
    new Promise<void>((resolve, reject) => {
      const socket: Socket = connect({ host: hostname, port: Number(port), noDelay: true });
      let buffered: Buffer = Buffer.alloc(0);
      let slot = -1;
      let started = 0n;
      const next = () => {
        if (issued >= total) {
          socket.end();
          resolve();
          return;
        }
        slot = issued++;
        started = process.hrtime.bigint();
        socket.write(fixedRequest ?? requestBytes(load));
      };
      socket.on('connect', next);
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
        const answer = completeAnswer(buffered);
        if (!answer) return;
        latencies[slot] = Number(process.hrtime.bigint() - started) / 1e6;
        if (answer.status !== 200) failures++;
        buffered = buffered.subarray(answer.length);
        next();
      });
    });

  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, connection));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { ...summary(latencies, failures, seconds), latenciesMs: latencies };
}

/** Several runs against one target as one: requests over the time spent in them, latencies pooled. */
export function combineRuns(runs: readonly LoadRun[]): LoadResult {
  const latencies = new Float64Array(runs.reduce((sum, run) => sum + run.requests, 0));
  let at = 0;
  for (const run of runs) {
    latencies.set(run.latenciesMs, at);
    at += run.requests;
  }
  const failures = runs.reduce((sum, run) => sum + run.failures, 0);
  return summary(
    latencies,
    failures,
    runs.reduce((sum, run) => sum + run.seconds, 0),
  );
}

function summary(latencies: Float64Array, failures: number, seconds: number): LoadResult {
  const sorted = sortedCopy(latencies);
  return {
    requests: latencies.length,
    failures,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

/** The status and length of the first answer in `data`, once all of it has arrived. */
function completeAnswer(data: Buffer): { status: number; length: number } | undefined {
  const headerEnd = data.indexOf(HEADER_END);
  if (headerEnd === -1) return undefined;
  const head = data.toString('latin1', 0, headerEnd);
  const lengthMatch = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (!lengthMatch) throw new Error(`answer without Content-Length: ${head.split('\r\n')[0]}`);
  const length = headerEnd + HEADER_END.length + Number(lengthMatch[1]);
  if (data.length < length) return undefined;
  return { status: Number(head.slice(9, 12)), length };
}

/** aws4 adds Host and Content-Length to the headers it signs, so they are the whole header block. */
function requestBytes(load: LoadTarget): Buffer {
  const lines = Object.entries(signedHeaders(load)).map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.from(`POST / HTTP/1.1\r\n${lines.join('')}\r\n${load.body}`);
}

/** What one SigV4 signature costs the generator, in microseconds, to judge whether signing dominates. */
export function signingCostMicros(load: LoadTarget, iterations = 5000): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) requestBytes(load);
  return Number(process.hrtime.bigint() - started) / 1e3 / iterations;
}
