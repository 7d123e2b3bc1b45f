/** Which files a scan reads: the ones named, and under a directory the ones that look relevant. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

const SKIP = new Set(['node_modules', '.git', '.serverless', 'cdk.out', '.aws-sam']);
const SERVERLESS = /^serverless\.(ya?ml|json)$/;
const DOTENV = /^\.env(\..+)?$|\.env$/;
const TEMPLATE = /\.(ya?ml|json|template)$/;

export type FileKind = 'serverless' | 'template' | 'dotenv';

export function kindOf(path: string): FileKind | undefined {
  const name = basename(path);
  if (SERVERLESS.test(name)) return 'serverless';
  if (DOTENV.test(name)) return 'dotenv';
  if (TEMPLATE.test(name)) return 'template';
  return undefined;
}

/** Named files are always read; walked templates only when they look like CloudFormation. */
export function collectFiles(paths: readonly string[]): { path: string; kind: FileKind }[] {
  const files: { path: string; kind: FileKind }[] = [];
  const visit = (path: string, named: boolean) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (!SKIP.has(entry)) visit(join(path, entry), false);
      }
      return;
    }
    const kind = kindOf(path) ?? (named ? 'template' : undefined);
    if (!kind) return;
    if (
      kind === 'template' &&
      !named &&
      !/AWSTemplateFormatVersion|"?Resources"?\s*:|Transform/.test(readFileSync(path, 'utf8'))
    ) {
      return;
    }
    files.push({ path, kind });
  };
  for (const path of paths) visit(path, true);
  return files;
}
