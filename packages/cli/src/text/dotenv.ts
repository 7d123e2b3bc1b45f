/**
 * Dotenv files as docker, dotenv and `op run` read them: `KEY=value`, `export KEY=value`, `#`
 * comments, single quotes literal, double quotes with \n \r \t \" \\ escapes, quoted values may
 * span lines, unquoted values end at ` #`. No variable expansion.
 */
import { CliError } from '../cli/errors.js';

export interface DotenvEntry {
  key: string;
  value: string;
  /** 1-based line where the entry starts. */
  line: number;
  /** Whether the value was quoted in the file. */
  quoted: boolean;
}

const KEY = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*/;

export function parseDotenv(text: string, source = 'env file'): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = KEY.exec(trimmed);
    if (!match) throw new CliError(`${source}:${i + 1}: expected KEY=value`);
    const key = match[1]!;
    const rest = trimmed.slice(match[0].length);
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      const start = i + 1;
      let body = rest.slice(1);
      let close = findClose(body, quote);
      while (close < 0 && i + 1 < lines.length) {
        body += `\n${lines[++i]}`;
        close = findClose(body, quote);
      }
      if (close < 0) throw new CliError(`${source}:${start}: ${key}: the ${quote} quote is never closed`);
      const after = body.slice(close + 1).trim();
      if (after !== '' && !after.startsWith('#')) {
        throw new CliError(`${source}:${i + 1}: ${key}: unexpected text after the closing quote`);
      }
      const raw = body.slice(0, close);
      entries.push({ key, value: quote === '"' ? unescapeDouble(raw) : raw, line: start, quoted: true });
      continue;
    }
    const comment = rest.search(/\s#/);
    entries.push({
      key,
      value: (comment < 0 ? rest : rest.slice(0, comment)).trim(),
      line: i + 1,
      quoted: false,
    });
  }
  return entries;
}

function findClose(body: string, quote: string): number {
  for (let j = 0; j < body.length; j++) {
    if (quote === '"' && body[j] === '\\') j++;
    else if (body[j] === quote) return j;
  }
  return -1;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };
const unescapeDouble = (raw: string): string =>
  raw.replace(/\\(.)/gs, (whole, ch: string) => ESCAPES[ch] ?? whole);

/** `KEY=value` with the least quoting that reads back to the same value. */
export function formatDotenvLine(key: string, value: string): string {
  if (/^[A-Za-z0-9_./:@+,=%-]*$/.test(value)) return `${key}=${value}`;
  if (!/['\n\r]/.test(value)) return `${key}='${value}'`;
  const escaped = value.replace(
    /[\\"\n\r$]/g,
    (ch) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', $: '\\$' })[ch]!,
  );
  return `${key}="${escaped}"`;
}

export const isEnvName = (key: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key);
