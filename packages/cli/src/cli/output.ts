/** Printing: JSON for machines, aligned columns for people, warnings on stderr. */
import { paint } from './colour.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const p = paint(process.stdout);
  process.stdout.write(`${p.bold(line(header))}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`${paint(process.stderr).yellow('hush: warning:')} ${message}\n`);
}

/** AWS timestamps are epoch seconds; people read ISO 8601 (UTC, to the second). */
export function formatTime(epochSeconds: unknown): string {
  if (typeof epochSeconds !== 'number') return '-';
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isoTime(epochSeconds: unknown): string | undefined {
  return typeof epochSeconds === 'number' ? new Date(epochSeconds * 1000).toISOString() : undefined;
}
