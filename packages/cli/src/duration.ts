import { InvalidArgumentError } from 'commander';

/** `30s`, `500ms`, `2m`, `1h`, or plain seconds → milliseconds (a commander option parser). */
export function parseInterval(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new InvalidArgumentError('expected a duration such as 30s, 500ms, 2m');
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000;
  const ms = Number(match[1]) * unit;
  if (ms < 100) throw new InvalidArgumentError('must be at least 100ms');
  return ms;
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
