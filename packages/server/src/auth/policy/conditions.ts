/**
 * IAM condition operators. A `Condition` block is true when every operator is true; an operator is
 * true when every key in it is true; a key is true when the request value matches ANY of the policy
 * values (for negated operators: matches none of them). Missing keys follow the IAM rules: false,
 * except for negated operators, `…IfExists` (both true) and `Null`.
 */
import { BlockList, isIP } from 'node:net';
import type { ConditionBlock } from './document.js';
import { type ContextValue, type RequestContext, substituteVariables } from './requestContext.js';
import { arnMatches, wildcardMatch } from './wildcard.js';

type Compare = (requestValue: string, policyValue: string) => boolean;

interface OperatorSpec {
  compare: Compare;
  /** StringNotEquals & co: the key matches when the value equals none of the policy values. */
  negated: boolean;
  /** Policy values may use policy variables (string and ARN operators). */
  variables: boolean;
}

const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));
const date = (text: string): number => (/^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text));

function numeric(test: (a: number, b: number) => boolean): Compare {
  return (a, b) => {
    const x = num(a);
    const y = num(b);
    return !Number.isNaN(x) && !Number.isNaN(y) && test(x, y);
  };
}
function dated(test: (a: number, b: number) => boolean): Compare {
  return (a, b) => {
    const x = date(a);
    const y = date(b);
    return !Number.isNaN(x) && !Number.isNaN(y) && test(x, y);
  };
}

function ipMatches(requestValue: string, cidr: string): boolean {
  const address =
    requestValue.startsWith('::ffff:') && isIP(requestValue.slice(7)) === 4
      ? requestValue.slice(7)
      : requestValue;
  const family = isIP(address);
  const [network, bits] = cidr.split('/');
  const networkFamily = isIP(network ?? '');
  if (family === 0 || networkFamily !== family) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
  if (!Number.isInteger(prefix)) return false;
  const list = new BlockList();
  list.addSubnet(network!, prefix, type);
  return list.check(address, type);
}

const equal: Compare = (a, b) => a === b;
const equalIgnoreCase: Compare = (a, b) => a.toLowerCase() === b.toLowerCase();
const like: Compare = (a, b) => wildcardMatch(b, a);
const arnLike: Compare = (a, b) => arnMatches(b, a);
const bool: Compare = (a, b) => a.toLowerCase() === b.toLowerCase();

const positive = (compare: Compare, variables = false): OperatorSpec => ({
  compare,
  negated: false,
  variables,
});
const negative = (compare: Compare, variables = false): OperatorSpec => ({
  compare,
  negated: true,
  variables,
});

const OPERATORS: Record<string, OperatorSpec> = {
  stringequals: positive(equal, true),
  stringnotequals: negative(equal, true),
  stringequalsignorecase: positive(equalIgnoreCase, true),
  stringnotequalsignorecase: negative(equalIgnoreCase, true),
  stringlike: positive(like, true),
  stringnotlike: negative(like, true),
  numericequals: positive(numeric((a, b) => a === b)),
  numericnotequals: negative(numeric((a, b) => a === b)),
  numericlessthan: positive(numeric((a, b) => a < b)),
  numericlessthanequals: positive(numeric((a, b) => a <= b)),
  numericgreaterthan: positive(numeric((a, b) => a > b)),
  numericgreaterthanequals: positive(numeric((a, b) => a >= b)),
  dateequals: positive(dated((a, b) => a === b)),
  datenotequals: negative(dated((a, b) => a === b)),
  datelessthan: positive(dated((a, b) => a < b)),
  datelessthanequals: positive(dated((a, b) => a <= b)),
  dategreaterthan: positive(dated((a, b) => a > b)),
  dategreaterthanequals: positive(dated((a, b) => a >= b)),
  bool: positive(bool),
  binaryequals: positive(equal),
  ipaddress: positive(ipMatches),
  notipaddress: negative(ipMatches),
  arnequals: positive(arnLike, true),
  arnlike: positive(arnLike, true),
  arnnotequals: negative(arnLike, true),
  arnnotlike: negative(arnLike, true),
};

export class UnknownConditionOperator extends Error {}

interface ParsedOperator {
  spec: OperatorSpec | 'null';
  set: 'ForAnyValue' | 'ForAllValues' | undefined;
  ifExists: boolean;
}

export function parseOperator(name: string): ParsedOperator {
  let rest = name;
  let set: ParsedOperator['set'];
  const qualifier = /^(ForAnyValue|ForAllValues):/i.exec(rest);
  if (qualifier) {
    set = qualifier[1]!.toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : 'ForAllValues';
    rest = rest.slice(qualifier[0].length);
  }
  const ifExists = /IfExists$/i.test(rest) && rest.toLowerCase() !== 'null';
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  const key = rest.toLowerCase();
  if (key === 'null') return { spec: 'null', set, ifExists: false };
  const spec = OPERATORS[key];
  if (!spec) throw new UnknownConditionOperator(`unknown condition operator ${name}`);
  return { spec, set, ifExists };
}

function valueMatches(
  spec: OperatorSpec,
  requestValue: string,
  policyValues: readonly string[],
  context: RequestContext,
): boolean {
  return policyValues.some((raw) => {
    const policyValue = spec.variables ? substituteVariables(raw, context) : raw;
    return policyValue !== undefined && spec.compare(requestValue, policyValue);
  });
}

function keyMatches(
  operator: ParsedOperator,
  value: ContextValue | undefined,
  policyValues: string[],
  context: RequestContext,
): boolean {
  if (operator.spec === 'null') {
    const absent = value === undefined || (Array.isArray(value) && value.length === 0);
    return policyValues.some((want) => (want.toLowerCase() === 'true') === absent);
  }
  const spec = operator.spec;
  const values: readonly string[] | undefined =
    value === undefined ? undefined : typeof value === 'string' ? [value] : value;
  if (operator.set === 'ForAllValues') {
    // Vacuously true for a missing or empty key, as AWS documents.
    if (!values || values.length === 0) return true;
    return values.every((v) => valueMatches(spec, v, policyValues, context) !== spec.negated);
  }
  if (!values || values.length === 0) {
    if (operator.set === 'ForAnyValue') return false;
    return operator.ifExists || spec.negated;
  }
  if (operator.set === 'ForAnyValue') {
    return values.some((v) => valueMatches(spec, v, policyValues, context) !== spec.negated);
  }
  const anyMatch = values.some((v) => valueMatches(spec, v, policyValues, context));
  return spec.negated ? !anyMatch : anyMatch;
}

export function conditionsHold(conditions: ConditionBlock, context: RequestContext): boolean {
  for (const [operatorName, keys] of Object.entries(conditions)) {
    const operator = parseOperator(operatorName);
    for (const [key, policyValues] of Object.entries(keys)) {
      if (!keyMatches(operator, context.get(key.toLowerCase()), policyValues, context)) return false;
    }
  }
  return true;
}
