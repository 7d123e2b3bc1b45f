// Builds every package's TypeScript sources to ESM JavaScript in its dist/ folder.
// Type checking is a separate step (`npm run typecheck`), so a build never waits on it.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const packagesDir = new URL('../packages/', import.meta.url).pathname;

// The runtime library is what a Lambda loads at cold start, often straight from node_modules (no
// bundler): it is built as its entry points (package.json "exports"), each bundled, with the code
// they share in chunks, so `import 'hush'` reads three files instead of about twenty-five. From
// node_modules that took a first value from about 95 to 73 ms (bench/runtime's cold start). The
// server and the CLI load once per process; they are transpiled file by file.
const BUNDLED = new Set(['hush']);

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return entry.endsWith('.ts') && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

const common = {
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
};

for (const name of readdirSync(packagesDir)) {
  const root = join(packagesDir, name);
  const src = join(root, 'src');
  // No clean step: several test runs may build at once, and a stale file is harmless.
  const dist = join(root, 'dist');
  if (!BUNDLED.has(name)) {
    await build({ ...common, entryPoints: sourceFiles(src), outdir: dist, outbase: src });
    continue;
  }
  const { exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const result = await build({
    ...common,
    entryPoints: Object.values(exports).map((entry) => join(root, entry.types)),
    outdir: dist,
    outbase: src,
    bundle: true,
    splitting: true,
    packages: 'external',
    metafile: true,
  });
  // Chunk names carry a hash of their content: drop the chunks an earlier build left behind.
  const written = new Set(Object.keys(result.metafile.outputs).map((file) => resolve(file)));
  for (const entry of readdirSync(dist)) {
    if (/^chunk-\w+\.js(\.map)?$/.test(entry) && !written.has(join(dist, entry))) rmSync(join(dist, entry));
  }
}
