/**
 * Resolves references inside strings: a whole value that is a reference (any dialect, native
 * included), or `${ssm…}` / `{{resolve:…}}` embedded in a longer string. Each distinct reference is
 * fetched once per Resolver; failures are collected as problems naming the reference, never a value.
 */
import {
  findReferences,
  isReference,
  parseReference,
  type Reference,
  ReferenceSyntaxError,
} from 'hush/reference';
import { describeFailure } from '../cli/errors.js';
import { type FetchContext, fetchReference, type ResolvedValue, valueAsText } from './fetchReference.js';

export interface Problem {
  /** The reference text as written. */
  reference: string;
  message: string;
}

export type Resolution =
  | { ok: true; reference: string; value: ResolvedValue }
  | { ok: false; reference: string; problem: Problem };

export class Resolver {
  private readonly context: FetchContext;
  private readonly fetched = new Map<string, Promise<Resolution>>();

  constructor(context: FetchContext) {
    this.context = context;
  }

  /** Resolves one reference text (parsing it first); never throws for a bad or missing reference. */
  resolve(text: string, parsed?: Reference | ReferenceSyntaxError): Promise<Resolution> {
    let pending = this.fetched.get(text);
    if (!pending) {
      pending = this.fetchOne(text, parsed);
      this.fetched.set(text, pending);
    }
    return pending;
  }

  private async fetchOne(text: string, parsed?: Reference | ReferenceSyntaxError): Promise<Resolution> {
    try {
      if (parsed instanceof ReferenceSyntaxError) throw parsed;
      const ref = parsed ?? parseReference(text);
      return { ok: true, reference: text, value: await fetchReference(ref, this.context) };
    } catch (error) {
      return {
        ok: false,
        reference: text,
        problem: { reference: text, message: describeFailure(text, error).message },
      };
    }
  }
}

export interface StringResolution {
  /** The string with every resolvable reference replaced (unresolvable ones left as written). */
  text: string;
  /** The resolved value when the whole string was one reference (may be a list or JSON). */
  whole?: ResolvedValue;
  resolutions: Resolution[];
}

/** True when `value` holds a reference, whole or embedded. */
export const holdsReference = (value: string): boolean =>
  isReference(value) || findReferences(value).length > 0;

export async function resolveString(value: string, resolver: Resolver): Promise<StringResolution> {
  const trimmed = value.trim();
  if (isReference(trimmed)) {
    const resolution = await resolver.resolve(trimmed);
    return resolution.ok
      ? { text: valueAsText(resolution.value), whole: resolution.value, resolutions: [resolution] }
      : { text: value, resolutions: [resolution] };
  }
  const found = findReferences(value);
  if (found.length === 0) return { text: value, resolutions: [] };
  const resolutions = await Promise.all(
    found.map((f) => resolver.resolve(f.raw, f.result.ok ? f.result.reference : f.result.error)),
  );
  let text = '';
  let at = 0;
  found.forEach((f, i) => {
    const resolution = resolutions[i]!;
    text += value.slice(at, f.start) + (resolution.ok ? valueAsText(resolution.value) : f.raw);
    at = f.end;
  });
  return { text: text + value.slice(at), resolutions };
}
