/**
 * Finds the references in a text/YAML/JSON/dotenv file: embedded `${ssm…}` and `{{resolve:…}}`
 * anywhere, and native references (`ssm:/…`, `secretsmanager:…`, `kms:…`) that are a whole value —
 * `KEY=ref`, `key: ref`, `"key": "ref"`, `- ref`. Each site knows whether it sits in double quotes,
 * so the value written there can be escaped for the file's format.
 */
import { findReferences, parseReference, type Reference, ReferenceSyntaxError } from 'hush/reference';

const QUOTED_VALUE = /(["'])((?:ssm|secretsmanager|kms):[^\s"']+)\1/g;

export type FileFormat = 'json' | 'yaml' | 'dotenv' | 'text';

export interface FileSite {
  start: number;
  end: number;
  raw: string;
  /** Whole value of a key (as opposed to embedded in a longer string). */
  whole: boolean;
  quoted: boolean;
  reference?: Reference;
  error?: string;
}

const WHOLE_VALUE =
  /^(\s*(?:-\s+)?(?:export\s+)?(?:(?:"[^"]*"|'[^']*'|[\w.\-/]+)\s*[=:]\s*)?)(["']?)((?:ssm|secretsmanager|kms):[^\s"']+)\2\s*,?\s*$/;

export function formatOf(path: string, text: string): FileFormat {
  if (/\.json$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/(^|[/.])env(\.[\w-]+)?$/i.test(path)) return 'dotenv';
  if (path === '-' && /^\s*[{[]/.test(text)) return 'json';
  return 'text';
}

export function findFileReferences(text: string): FileSite[] {
  const sites: FileSite[] = findReferences(text).map((found) => ({
    start: found.start,
    end: found.end,
    raw: found.raw,
    whole: false,
    quoted: text[found.start - 1] === '"',
    ...(found.result.ok ? { reference: found.result.reference } : { error: found.result.error.message }),
  }));
  const taken = new Set(sites.map((s) => s.start));
  const add = (start: number, raw: string, quoted: boolean) => {
    if (taken.has(start)) return;
    taken.add(start);
    const site: FileSite = { start, end: start + raw.length, raw, whole: true, quoted };
    try {
      site.reference = parseReference(raw);
    } catch (error) {
      if (!(error instanceof ReferenceSyntaxError)) throw error;
      site.error = error.message;
    }
    sites.push(site);
  };
  // A quoted string that is exactly a reference, anywhere (one-line JSON included).
  for (const match of text.matchAll(QUOTED_VALUE)) {
    add((match.index ?? 0) + 1, match[2] ?? '', match[1] === '"');
  }
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const match = WHOLE_VALUE.exec(line.replace(/\r$/, ''));
    if (match)
      add(lineStart + (match[1] ?? '').length + (match[2] ?? '').length, match[3] ?? '', match[2] === '"');
    lineStart += line.length + 1;
  }
  return sites.sort((a, b) => a.start - b.start);
}

/** The text that replaces a reference, escaped so the file stays valid. */
export function escapeFor(format: FileFormat, site: FileSite, value: string): string {
  if (site.quoted) return JSON.stringify(value).slice(1, -1);
  if (!site.whole) return value;
  const plain = /^[\w@%+=,./-][\w@%+=:,./ -]*$/.test(value) && !value.endsWith(' ');
  if (format === 'json' || ((format === 'yaml' || format === 'dotenv') && !plain))
    return JSON.stringify(value);
  return value;
}
