/**
 * IAM policy documents, normalised: every `Action`/`Resource`/`Principal` becomes a list, so the
 * matcher never asks "string or array?". Parsing is strict about shape (a malformed policy in the
 * config file is a startup error) and lenient about what AWS also accepts (a lone statement object,
 * single strings for lists).
 */

export type Effect = 'Allow' | 'Deny';

/** `Condition` as written: operator → key → policy values (always a list after normalising). */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export interface PrincipalSpec {
  /** `true` for `"*"` or `{"AWS": "*"}`. */
  any: boolean;
  /** AWS principals: account ids, `…:root`, user, role and assumed-role ARNs. */
  aws: string[];
}

export interface Statement {
  sid: string | undefined;
  /** Position in the policy's `Statement` list, for the audit log when there is no Sid. */
  index: number;
  effect: Effect;
  actions: { negated: boolean; patterns: string[] };
  resources: { negated: boolean; patterns: string[] } | undefined;
  principals: { negated: boolean; spec: PrincipalSpec } | undefined;
  conditions: ConditionBlock;
}

export interface Policy {
  /** Where the policy came from, for messages and the audit log (`user/alice:inline-0`, `key-policy`). */
  name: string;
  statements: Statement[];
}

export class PolicyError extends Error {}

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function stringList(value: Json, what: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((item) => typeof item !== 'string')) {
    throw new PolicyError(`${what} must be a string or a non-empty list of strings`);
  }
  return list as string[];
}

function conditionValues(value: Json, what: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw new PolicyError(`${what} values must be strings, numbers or booleans`);
  });
}

function principalSpec(value: Json, what: string): PrincipalSpec {
  if (value === '*') return { any: true, aws: [] };
  if (!isObject(value)) throw new PolicyError(`${what} must be "*" or an object such as {"AWS": …}`);
  const aws = value.AWS === undefined ? [] : stringList(value.AWS, `${what}.AWS`);
  // Service and federated principals never match a caller of this server; they are kept out of
  // `aws` so they cannot grant anything by accident.
  return { any: aws.includes('*'), aws: aws.filter((p) => p !== '*') };
}

function pair<T>(
  statement: Record<string, Json>,
  positive: string,
  negative: string,
  read: (value: Json, what: string) => T,
): { negated: boolean; value: T } | undefined {
  const has = statement[positive] !== undefined;
  const hasNot = statement[negative] !== undefined;
  if (has && hasNot) throw new PolicyError(`a statement cannot have both ${positive} and ${negative}`);
  if (has) return { negated: false, value: read(statement[positive], positive) };
  if (hasNot) return { negated: true, value: read(statement[negative], negative) };
  return undefined;
}

function parseStatement(raw: Json, index: number): Statement {
  if (!isObject(raw)) throw new PolicyError(`Statement ${index} must be an object`);
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new PolicyError(`Statement ${index}: Effect must be "Allow" or "Deny"`);
  }
  const actions = pair(raw, 'Action', 'NotAction', stringList);
  if (!actions) throw new PolicyError(`Statement ${index} needs Action or NotAction`);
  const resources = pair(raw, 'Resource', 'NotResource', stringList);
  const principals = pair(raw, 'Principal', 'NotPrincipal', principalSpec);
  const conditions: ConditionBlock = {};
  if (raw.Condition !== undefined) {
    if (!isObject(raw.Condition)) throw new PolicyError(`Statement ${index}: Condition must be an object`);
    for (const [operator, block] of Object.entries(raw.Condition)) {
      if (!isObject(block))
        throw new PolicyError(`Statement ${index}: Condition.${operator} must be an object`);
      conditions[operator] = Object.fromEntries(
        Object.entries(block).map(([key, value]) => [
          key,
          conditionValues(value, `Condition.${operator}.${key}`),
        ]),
      );
    }
  }
  return {
    sid: typeof raw.Sid === 'string' ? raw.Sid : undefined,
    index,
    effect,
    actions: { negated: actions.negated, patterns: actions.value },
    resources: resources && { negated: resources.negated, patterns: resources.value },
    principals: principals && { negated: principals.negated, spec: principals.value },
    conditions,
  };
}

/** Parses a policy given as JSON text or as an already-parsed object. */
export function parsePolicy(document: string | Json, name: string): Policy {
  let parsed: Json = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document);
    } catch {
      throw new PolicyError(`policy ${name} is not valid JSON`);
    }
  }
  if (!isObject(parsed)) throw new PolicyError(`policy ${name} must be a JSON object`);
  const raw = parsed.Statement;
  if (raw === undefined) throw new PolicyError(`policy ${name} has no Statement`);
  const list = Array.isArray(raw) ? raw : [raw];
  try {
    return { name, statements: list.map(parseStatement) };
  } catch (error) {
    throw new PolicyError(`policy ${name}: ${(error as Error).message}`);
  }
}
