/**
 * Each handler bundled as one would ship it to Lambda: esbuild, ESM, minified, every dependency
 * included (the AWS SDK too: the peers' own docs recommend bundling it to pin its version).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BENCH_DIR } from '../support/report.js';

export interface Bundle {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export async function bundleHandler(name: string, entry: string): Promise<Bundle> {
  const file = join(BENCH_DIR, 'results', 'bundles', `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Prefer the ESM builds the packages ship; a CommonJS one still needs `require` for Node built-ins.
    mainFields: ['module', 'main'],
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    logLevel: 'error',
  });
  return { file, bytes: statSync(file).size, gzipBytes: gzipSync(readFileSync(file)).length };
}
