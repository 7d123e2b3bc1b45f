/**
 * Cold start to first value, whole process: spawn `node invoke.mjs <handler>` and time from spawn
 * to the line carrying the value. Runs go round-robin over the handlers so that drift on a shared
 * machine spreads over all of them alike.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIR } from '../support/report.js';
import { medianAndP90 } from '../support/statistics.js';

const INVOKE = join(BENCH_DIR, 'runtime', 'invoke.mjs');

export interface ColdStart {
  median: number;
  p90: number;
  samples: number[];
  /** Medians measured inside the child: importing the handler, and process uptime at the value. */
  importMs: number;
  uptimeMs: number;
}

interface Sample {
  wallMs: number;
  importMs: number;
  uptimeMs: number;
}

function coldStartOnce(handler: string, expected: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [INVOKE, handler, expected], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('\n')) return;
      const elapsed = performance.now() - started;
      const line = JSON.parse(out) as { ok: boolean; importMs: number; uptimeMs: number };
      if (!line.ok) reject(new Error(`${handler} returned the wrong value`));
      else resolve({ wallMs: elapsed, importMs: line.importMs, uptimeMs: line.uptimeMs });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${handler} exited with ${code}: ${err.slice(0, 2000)}`));
    });
  });
}

export async function measureColdStarts(
  handlers: Readonly<Record<string, string>>,
  expected: string,
  env: NodeJS.ProcessEnv,
  runs: number,
): Promise<Record<string, ColdStart>> {
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(handlers).map((k) => [k, []]));
  // One unmeasured round first: fills the OS page cache for every file the handlers read.
  for (const handler of Object.values(handlers)) await coldStartOnce(handler, expected, env);
  for (let run = 0; run < runs; run++) {
    for (const [name, handler] of Object.entries(handlers)) {
      samples[name]!.push(await coldStartOnce(handler, expected, env));
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, list]) => {
      const wall = list.map((sample) => sample.wallMs);
      return [
        name,
        {
          ...medianAndP90(wall),
          samples: wall,
          importMs: medianAndP90(list.map((sample) => sample.importMs)).median,
          uptimeMs: medianAndP90(list.map((sample) => sample.uptimeMs)).median,
        },
      ];
    }),
  );
}
