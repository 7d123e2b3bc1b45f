/** What a scan reports: one rule firing at one place, with the fix. */
export type Level = 'error' | 'warning' | 'note';

export interface Finding {
  ruleId: string;
  level: Level;
  message: string;
  fix: string;
  /** Path as given or found by the walk, relative to the working directory when possible. */
  file: string;
  line: number;
  column: number;
}

export interface Position {
  line: number;
  column: number;
}

export const LEVEL_RANK: Record<Level | 'none', number> = { note: 1, warning: 2, error: 3, none: 4 };
