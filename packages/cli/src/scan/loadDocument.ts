/**
 * Parses a template or serverless file into a YAML document with positions. JSON goes through
 * JSON.parse first (YAML accepts things JSON does not, like trailing commas), then through the YAML
 * parser for node positions.
 */
import { type Document, LineCounter, parseDocument } from 'yaml';
import { cloudFormationTags } from './cfnTags.js';
import { ScanParseError } from './parseError.js';

export interface LoadedDocument {
  file: string;
  text: string;
  doc: Document;
  lines: LineCounter;
}

export function loadDocument(file: string, text: string): LoadedDocument {
  if (file.endsWith('.json')) checkJson(file, text);
  const lines = new LineCounter();
  const doc = parseDocument(text, { customTags: cloudFormationTags, lineCounter: lines, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    throw new ScanParseError(
      file,
      pos.line,
      pos.col,
      (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, ''),
    );
  }
  return { file, text, doc, lines };
}

function checkJson(file: string, text: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.length;
    const before = text.slice(0, offset).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    throw new ScanParseError(
      file,
      line,
      column,
      `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
    );
  }
}
