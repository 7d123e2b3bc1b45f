/**
 * Resolves the references inside environment variables: a whole value that is a reference
 * (`DB=ssm:/prod/db`), or `${ssm…}` / `{{resolve:…}}` embedded in a longer value.
 */
import type { AwsJsonClient } from 'hush/aws';
import {
  findReferences,
  isReference,
  parseReference,
  type Reference,
  ReferenceSyntaxError,
} from 'hush/reference';
import { type Resolution, resolveReferences } from './resolveValues.js';

export interface EnvProblem {
  variable: string;
  reference: string;
  reason: string;
}

export interface ResolvedEnv {
  env: Record<string, string>;
  /** The values that came from a store, to mask in output. */
  secrets: string[];
  problems: EnvProblem[];
}

interface Site {
  variable: string;
  start: number;
  end: number;
  text: string;
  reference?: Reference;
  error?: string;
}

function sitesOf(variable: string, value: string): Site[] {
  if (isReference(value)) {
    try {
      return [
        { variable, start: 0, end: value.length, text: value.trim(), reference: parseReference(value) },
      ];
    } catch (error) {
      if (!(error instanceof ReferenceSyntaxError)) throw error;
      return [{ variable, start: 0, end: value.length, text: value.trim(), error: error.message }];
    }
  }
  return findReferences(value).map((found) => ({
    variable,
    start: found.start,
    end: found.end,
    text: found.raw,
    ...(found.result.ok ? { reference: found.result.reference } : { error: found.result.error.message }),
  }));
}

export async function resolveEnv(
  client: AwsJsonClient,
  input: Readonly<Record<string, string | undefined>>,
): Promise<ResolvedEnv> {
  const env: Record<string, string> = {};
  const sites: Site[] = [];
  for (const [variable, value] of Object.entries(input)) {
    if (value === undefined) continue;
    env[variable] = value;
    sites.push(...sitesOf(variable, value));
  }
  const references = sites.flatMap((s) => (s.reference ? [s.reference] : []));
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME;
  const resolved =
    references.length === 0
      ? new Map<string, Resolution>()
      : await resolveReferences(client, references, functionName ? { functionName } : {});
  const problems: EnvProblem[] = [];
  const secrets: string[] = [];
  // Replace from the end so earlier offsets stay valid.
  for (const site of [...sites].reverse()) {
    const result = site.reference ? resolved.get(site.reference.text) : undefined;
    if (!result?.ok) {
      const reason = site.error ?? (result && !result.ok ? result.reason : 'not resolved');
      problems.push({ variable: site.variable, reference: site.text, reason });
      continue;
    }
    const current = env[site.variable] ?? '';
    env[site.variable] = current.slice(0, site.start) + result.value + current.slice(site.end);
    secrets.push(result.value);
  }
  return { env, secrets, problems: problems.reverse() };
}
