/**
 * The environment `hush run` gives its command: the process environment, then each env file in
 * order (later wins), with every reference resolved.
 */
import { readFileSync } from 'node:fs';
import { CliError } from '../cli/errors.js';
import { valueAsText } from '../resolver/fetchReference.js';
import { holdsReference, type Problem, type Resolver, resolveString } from '../resolver/resolver.js';
import { parseDotenv } from '../text/dotenv.js';

export function readEnvironment(
  base: NodeJS.ProcessEnv,
  envFiles: readonly string[],
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  for (const file of envFiles) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read env file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
    for (const entry of parseDotenv(text, file)) env[entry.key] = entry.value;
  }
  return env;
}

export interface ResolvedEnvironment {
  env: Record<string, string>;
  /** The values that came from references, to mask in the command's output. */
  secrets: string[];
  /** Variable → problem, for references that could not be resolved. */
  problems: { variable: string; problem: Problem }[];
}

export async function resolveEnvironment(
  raw: Record<string, string>,
  resolver: Resolver,
): Promise<ResolvedEnvironment> {
  const env: Record<string, string> = { ...raw };
  const secrets = new Set<string>();
  const problems: ResolvedEnvironment['problems'] = [];
  const names = Object.keys(raw).filter((name) => holdsReference(raw[name]!));
  await Promise.all(
    names.map(async (name) => {
      const result = await resolveString(raw[name]!, resolver);
      env[name] = result.text;
      for (const resolution of result.resolutions) {
        if (resolution.ok) secrets.add(valueAsText(resolution.value));
        else problems.push({ variable: name, problem: resolution.problem });
      }
    }),
  );
  problems.sort((a, b) => a.variable.localeCompare(b.variable));
  return { env, secrets: [...secrets], problems };
}
