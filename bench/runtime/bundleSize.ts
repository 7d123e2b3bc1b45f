/**
 * Each handler bundled as one would ship it to Lambda: esbuild, ESM, minified, every dependency
 * included (the AWS SDK too). `external` leaves packages out, e.g. `@aws-sdk/*` to rely on the copy
 * in Lambda's Node.js runtime instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { BENCH_DIR } from '../support/report.js';

export interface Bundle {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The biggest inputs, bytes each contributes to the minified output. */
  largestInputs: [string, number][];
}

export async function bundleHandler(name: string, entry: string, external: string[] = []): Promise<Bundle> {
  const file = join(BENCH_DIR, 'results', 'bundles', `${name}.mjs`);
  const options = {
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    // Prefer the ESM builds the packages ship.
    mainFields: ['module', 'main'],
    metafile: true,
    logLevel: 'error',
  } satisfies BuildOptions;
  let result = await build(options);
  // A CommonJS dependency still calls `require` for Node built-ins, which an ES module lacks: such a
  // bundle gets the usual createRequire banner (as one would ship it); one without needs none.
  if (readFileSync(file, 'utf8').includes('Dynamic require of')) {
    result = await build({
      ...options,
      banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    });
  }
  const output = result.metafile.outputs[Object.keys(result.metafile.outputs)[0] ?? ''];
  const largestInputs = Object.entries(output?.inputs ?? {})
    .map(([input, { bytesInOutput }]): [string, number] => [
      input.replace(/^.*node_modules\//, ''),
      bytesInOutput,
    ])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  const code = readFileSync(file);
  return { file, bytes: code.length, gzipBytes: gzipSync(code).length, largestInputs };
}
