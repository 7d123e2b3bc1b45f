/**
 * The fault grammar `hush serve --fault SPEC` and `POST /_hush/faults` accept:
 *
 *   SPEC    := [TARGET ':'] EFFECT (',' OPTION)*
 *   TARGET  := an X-Amz-Target glob (`AmazonSSM.GetParameters`, `secretsmanager.*`, `*`); default `*`
 *   EFFECT  := 'latency=' DURATION            (`20ms`, `1.5s`, or bare milliseconds)
 *            | 'throttle' ['=' PROBABILITY]   (ThrottlingException, 400, "Rate exceeded")
 *            | 'error' ['=' ('500' | '503')]  (the service's internal error, 500 — the default — or ServiceUnavailable 503)
 *   OPTION  := 'count=' N                     (only the next N matching calls, then the fault retires)
 *            | 'p=' PROBABILITY | 'probability=' PROBABILITY
 *
 * Examples: `latency=20ms`, `AmazonSSM.GetParameters:throttle=0.5`, `secretsmanager.*:error=503,count=2`.
 */

export type FaultEffect =
  | { kind: 'latency'; ms: number }
  | { kind: 'throttle' }
  | { kind: 'error'; status: 500 | 503 };

export interface FaultRule {
  target: string;
  effect: FaultEffect;
  /** Chance that a matching call is affected, 0–1. */
  probability: number;
  /** Matching calls still to affect; absent = no limit. */
  remaining?: number;
}

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

const TARGET_PATTERN = /^[A-Za-z0-9_.*-]+$/;

export function parseFaultSpec(spec: string): FaultRule {
  const trimmed = spec.trim();
  const colon = trimmed.indexOf(':');
  const target = colon === -1 ? '*' : trimmed.slice(0, colon);
  if (!TARGET_PATTERN.test(target)) {
    throw new FaultSpecError(`fault "${spec}": target "${target}" must be an X-Amz-Target or a glob with *`);
  }
  const [effectText = '', ...optionTexts] = trimmed.slice(colon + 1).split(',');
  const [effectName, effectValue] = splitPair(effectText);
  let effect: FaultEffect;
  let probability = 1;
  switch (effectName) {
    case 'latency':
      effect = { kind: 'latency', ms: parseDuration(spec, effectValue) };
      break;
    case 'throttle':
      effect = { kind: 'throttle' };
      if (effectValue !== undefined) probability = parseProbability(spec, effectValue);
      break;
    case 'error':
      effect = { kind: 'error', status: parseStatus(spec, effectValue) };
      break;
    default:
      throw new FaultSpecError(
        `fault "${spec}": effect "${effectText}" must be latency=…, throttle[=p] or error[=500|503]`,
      );
  }
  const rule: FaultRule = { target, effect, probability };
  for (const optionText of optionTexts) {
    const [name, value] = splitPair(optionText);
    if (name === 'count') rule.remaining = parseCount(spec, value);
    else if (name === 'p' || name === 'probability') rule.probability = parseProbability(spec, value);
    else throw new FaultSpecError(`fault "${spec}": unknown option "${optionText}" (count=N, p=0..1)`);
  }
  return rule;
}

function splitPair(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq === -1 ? [text.trim(), undefined] : [text.slice(0, eq).trim(), text.slice(eq + 1).trim()];
}

function parseDuration(spec: string, value: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value ?? '');
  if (!match) throw new FaultSpecError(`fault "${spec}": latency needs a duration such as 20ms or 1s`);
  const ms = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  if (ms > 600_000) throw new FaultSpecError(`fault "${spec}": latency is capped at 600s`);
  return ms;
}

function parseProbability(spec: string, value: string | undefined): number {
  const p = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(p) || p < 0 || p > 1) {
    throw new FaultSpecError(`fault "${spec}": probability must be a number from 0 to 1`);
  }
  return p;
}

function parseStatus(spec: string, value: string | undefined): 500 | 503 {
  if (value === undefined || value === '500') return 500;
  if (value === '503') return 503;
  throw new FaultSpecError(`fault "${spec}": error status must be 500 or 503`);
}

function parseCount(spec: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new FaultSpecError(`fault "${spec}": count must be a positive integer`);
  return n;
}

/** Reads a rule given as JSON to the control endpoint: a spec string or the rule's own fields. */
export function faultRuleFromJson(value: unknown): FaultRule {
  if (typeof value === 'string') return parseFaultSpec(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new FaultSpecError('a fault is a spec string or an object {target, effect, probability?, count?}');
  }
  const fields = value as Record<string, unknown>;
  const effect = fields.effect as Record<string, unknown> | undefined;
  const parts: string[] = [];
  if (effect?.kind === 'latency') parts.push(`latency=${String(effect.ms)}ms`);
  else if (effect?.kind === 'throttle') parts.push('throttle');
  else if (effect?.kind === 'error') parts.push(`error=${String(effect.status ?? 500)}`);
  else throw new FaultSpecError('effect.kind must be latency, throttle or error');
  if (fields.probability !== undefined) parts.push(`p=${String(fields.probability)}`);
  if (fields.count !== undefined) parts.push(`count=${String(fields.count)}`);
  return parseFaultSpec(`${typeof fields.target === 'string' ? fields.target : '*'}:${parts.join(',')}`);
}
