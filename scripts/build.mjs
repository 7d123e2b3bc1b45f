// Transpiles every package's TypeScript sources to ESM JavaScript in its dist/ folder.
// Type checking is a separate step (`npm run typecheck`), so a build never waits on it.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const packagesDir = new URL('../packages/', import.meta.url).pathname;

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return entry.endsWith('.ts') && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

for (const name of readdirSync(packagesDir)) {
  const root = join(packagesDir, name);
  const src = join(root, 'src');
  // No clean step: several test runs may build at once, and a stale file is harmless.
  const dist = join(root, 'dist');
  await build({
    entryPoints: sourceFiles(src),
    outdir: dist,
    outbase: src,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
