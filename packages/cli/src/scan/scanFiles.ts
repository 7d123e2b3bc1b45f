/** Scans files into findings, sorted by file and position. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { runChecks } from './checks.js';
import { collectCloudFormation } from './collectCloudFormation.js';
import { collectDotenv } from './collectDotenv.js';
import { collectServerless } from './collectServerless.js';
import type { Finding } from './finding.js';
import { loadDocument } from './loadDocument.js';
import type { ProjectModel } from './model.js';
import { member } from './nodes.js';
import { applySuppressions } from './suppressions.js';
import { collectFiles, type FileKind } from './walk.js';

export interface ScanResult {
  files: string[];
  findings: Finding[];
}

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : path;
}

export function modelOf(path: string, kind: FileKind, text: string): ProjectModel {
  const file = displayPath(path);
  const model: ProjectModel = {
    file,
    kind: 'cloudformation',
    functions: [],
    looseEnv: [],
    statements: [],
    secrets: [],
    keys: [],
  };
  if (kind === 'dotenv') {
    model.kind = 'dotenv';
    model.looseEnv = collectDotenv(text);
    return model;
  }
  const loaded = loadDocument(file, text);
  const root = loaded.doc.contents;
  if (
    kind === 'serverless' ||
    (member(root, 'service') !== undefined && member(root, 'provider') !== undefined)
  ) {
    model.kind = 'serverless';
    collectServerless(loaded, root, model);
  } else {
    collectCloudFormation(loaded, root, model);
  }
  return model;
}

export function scanPaths(paths: readonly string[]): ScanResult {
  const result: ScanResult = { files: [], findings: [] };
  for (const { path, kind } of collectFiles(paths)) {
    const text = readFileSync(path, 'utf8');
    const model = modelOf(path, kind, text);
    result.files.push(model.file);
    const seen = new Set<string>();
    const unique = runChecks(model).filter((f) => {
      const key = `${f.ruleId}:${f.line}:${f.column}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    result.findings.push(...applySuppressions(model.file, text, unique));
  }
  result.findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.ruleId.localeCompare(b.ruleId),
  );
  return result;
}
