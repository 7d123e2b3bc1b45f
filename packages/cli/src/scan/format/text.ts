/** Human output: findings grouped by file, coloured only on a terminal and never with NO_COLOR. */
import type { Finding, Level } from '../finding.js';

const COLOURS: Record<Level, string> = { error: '31', warning: '33', note: '36' };

export function formatText(findings: readonly Finding[], fileCount: number, colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out: string[] = [];
  let file: string | undefined;
  for (const f of findings) {
    if (f.file !== file) {
      if (file !== undefined) out.push('');
      file = f.file;
      out.push(paint('1', f.file));
    }
    const where = `${f.line}:${f.column}`.padEnd(8);
    out.push(`  ${where}${paint(COLOURS[f.level], f.level.padEnd(8))}${f.ruleId}  ${f.message}`);
    out.push(`  ${' '.repeat(16)}${paint('2', `fix: ${f.fix}`)}`);
  }
  const count = (level: Level) => plural(findings.filter((f) => f.level === level).length, level);
  if (out.length > 0) out.push('');
  out.push(
    `${plural(findings.length, 'finding')} (${count('error')}, ${count('warning')}, ${count('note')}) in ${plural(fileCount, 'file')}`,
  );
  return `${out.join('\n')}\n`;
}

export const useColour = (): boolean => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
