import { InvalidArgumentError } from 'commander';

export type Tag = { Key: string; Value: string };

/** Collects repeated `--tag key=value` options. */
export function collectTag(text: string, previous: Tag[] = []): Tag[] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value, got "${text}"`);
  return [...previous, { Key: text.slice(0, eq), Value: text.slice(eq + 1) }];
}
