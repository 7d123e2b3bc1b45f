/** A .env file's variables with their positions, read line by line. */
import { parseDotenv } from '../dotenv.js';
import type { EnvVar } from './model.js';

const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*/;

export function collectDotenv(text: string): EnvVar[] {
  const vars: EnvVar[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = ASSIGNMENT.exec(line);
    if (!match) return;
    const name = match[2] ?? '';
    const value = parseDotenv(line)[name] ?? '';
    vars.push({ name, value, literal: true, pos: { line: index + 1, column: match[0].length + 1 } });
  });
  return vars;
}
