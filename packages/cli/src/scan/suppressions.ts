/**
 * Inline suppressions: `# hush-ignore HUSH001: reason` on the finding's line or the line above.
 * One without a reason is not honoured and is reported itself (HUSH008).
 */
import type { Finding } from './finding.js';
import { ruleById } from './rules.js';

const COMMENT = /#\s*hush-ignore\s+(HUSH\d{3})\b\s*(?::\s*(.*))?$/;

export function applySuppressions(file: string, text: string, findings: Finding[]): Finding[] {
  const lines = text.split(/\r?\n/);
  const ignores = new Map<number, { ruleId: string; reason: string; column: number }>();
  lines.forEach((line, index) => {
    const match = COMMENT.exec(line);
    if (match) {
      ignores.set(index + 1, {
        ruleId: match[1] ?? '',
        reason: (match[2] ?? '').trim(),
        column: (match.index ?? 0) + 1,
      });
    }
  });
  const kept: Finding[] = [];
  for (const finding of findings) {
    const ignore = [finding.line, finding.line - 1]
      .map((line) => ({ line, ignore: ignores.get(line) }))
      .find((entry) => entry.ignore?.ruleId === finding.ruleId);
    if (ignore?.ignore?.reason) continue;
    kept.push(finding);
  }
  for (const [line, ignore] of ignores) {
    if (ignore.reason) continue;
    kept.push({
      ruleId: 'HUSH008',
      level: ruleById('HUSH008').level,
      message: `hush-ignore ${ignore.ruleId} gives no reason, so it is not honoured`,
      fix: `# hush-ignore ${ignore.ruleId}: <why this is acceptable>`,
      file,
      line,
      column: ignore.column,
    });
  }
  return kept;
}
