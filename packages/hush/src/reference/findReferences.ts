/**
 * Finds the references embedded in a text (a serverless.yml, a template, an env file): Serverless
 * `${ssm…}` variables and CloudFormation `{{resolve:…}}` references, wherever they stand, with
 * their offsets. Native references are whole values, not embedded, so callers test those with
 * `isNativeReference` value by value.
 */
import { parseCloudFormation } from './parseCloudFormation.js';
import { parseServerless } from './parseServerless.js';
import { ReferenceSyntaxError } from './referenceSyntaxError.js';
import type { Reference } from './types.js';

export interface FoundReference {
  /** Offsets of the reference text in the scanned text: `text.slice(start, end)`. */
  start: number;
  end: number;
  raw: string;
  /** The parsed reference, or why it could not be parsed. */
  result: { ok: true; reference: Reference } | { ok: false; error: ReferenceSyntaxError };
}

const START = /\$\{\s*ssm[(:]|\{\{resolve:/g;

export function findReferences(text: string): FoundReference[] {
  const found: FoundReference[] = [];
  START.lastIndex = 0;
  for (let match = START.exec(text); match; match = START.exec(text)) {
    const start = match.index;
    const end = match[0].startsWith('{{') ? closeDynamic(text, start) : closeVariable(text, start);
    const raw = text.slice(start, end);
    found.push({ start, end, raw, result: parseFound(raw) });
    START.lastIndex = Math.max(end, start + 1);
  }
  return found;
}

function parseFound(raw: string): FoundReference['result'] {
  try {
    return { ok: true, reference: raw.startsWith('{{') ? parseCloudFormation(raw) : parseServerless(raw) };
  } catch (error) {
    if (error instanceof ReferenceSyntaxError) return { ok: false, error };
    throw error;
  }
}

/** `${…}` may nest (`${ssm:/a, ${env:B}}`) and hold quoted strings: match braces outside quotes. */
function closeVariable(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i + 1;
    else if (ch === '\n') return i;
  }
  return text.length;
}

function closeDynamic(text: string, start: number): number {
  const close = text.indexOf('}}', start);
  const newline = text.indexOf('\n', start);
  if (close < 0) return newline < 0 ? text.length : newline;
  return newline >= 0 && newline < close ? newline : close + 2;
}
