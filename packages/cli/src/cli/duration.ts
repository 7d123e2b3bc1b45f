import { InvalidArgumentError } from 'commander';

/** `500ms`, `30s`, `5m`, `1h`, or plain seconds, in milliseconds. */
export function parseDurationOption(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new InvalidArgumentError('expected a duration such as 500ms, 30s or 5m');
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Number(match[1]) * unit;
  if (ms < 10) throw new InvalidArgumentError('must be at least 10ms');
  return ms;
}
