/** Runs `probe.mjs` for one peer and scenario in a fresh Node process and returns its JSON line. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchServer } from '../support/benchServer.js';
import { BENCH_DIR } from '../support/report.js';

const PROBE = join(BENCH_DIR, 'runtime', 'probe.mjs');

export function runProbe<T>(
  peer: string,
  scenario: string,
  args: unknown,
  env: NodeJS.ProcessEnv,
  server: Pick<BenchServer, 'requestCount' | 'resetRequestCount'>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PROBE, peer, scenario, JSON.stringify(args)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    // The probe's bookkeeping: reset or read the server's request count, answered with the count.
    child.on('message', (command) => {
      const done = command === 'reset' ? server.resetRequestCount().then(() => 0) : server.requestCount();
      done.then(
        (count) => child.connected && child.send(count),
        (error: unknown) => {
          child.kill();
          reject(error);
        },
      );
    });
    let out = '';
    let err = '';
    // Piped above; typed as possibly null only because the stdio array also holds the IPC channel.
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => {
      if (code !== 0)
        return reject(new Error(`probe ${peer} ${scenario} exited ${code}: ${err.slice(0, 3000)}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as T);
      } catch {
        reject(
          new Error(`probe ${peer} ${scenario} printed no result: ${out.slice(0, 500)} ${err.slice(0, 500)}`),
        );
      }
    });
  });
}
