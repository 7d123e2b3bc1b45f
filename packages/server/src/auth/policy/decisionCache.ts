/**
 * IAM decisions, remembered. `evaluate` is a pure function of the principal, the action, the
 * resource, the policies in force and the context keys it reads, so an entry records the keys the
 * evaluation read and the values it saw, and is reused only while the same policy objects are in
 * force and every one of those keys has the same value now. A statement that reads `aws:CurrentTime`
 * therefore misses once a second, one that reads `aws:SourceIp` misses for another address, and a
 * policy that reads nothing is evaluated once per principal, action and resource.
 *
 * Policies are immutable once parsed: a changed resource policy is a new object (the authorizer
 * parses documents by text), and identities come from the config, whose objects key the cache.
 */
import type { Policy } from './document.js';
import { type AuthorizationRequest, type Decision, evaluate } from './evaluate.js';
import type { PrincipalIdentity } from './principal.js';
import type { ContextValue, RequestContext } from './requestContext.js';

interface Entry {
  identityPolicies: readonly Policy[];
  resourcePolicy: Policy | undefined;
  resourcePolicyKind: string | undefined;
  reads: readonly (readonly [string, ContextValue | undefined])[];
  decision: Decision;
}

/** Distinct (action, resource) pairs kept per principal before starting over. */
const MAX_PAIRS = 2000;
/** Entries kept per pair (different policies, or context values, for the same call). */
const MAX_VARIANTS = 8;

function sameValue(a: ContextValue | undefined, b: ContextValue | undefined): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((item, i) => item === b[i]);
}

function stillHolds(entry: Entry, request: AuthorizationRequest): boolean {
  return (
    entry.identityPolicies === request.identityPolicies &&
    entry.resourcePolicy === request.resourcePolicy?.policy &&
    entry.resourcePolicyKind === request.resourcePolicy?.kind &&
    entry.reads.every(([key, value]) => sameValue(request.context.get(key), value))
  );
}

/** An identity's entries by action, then by resource: no key text is built per lookup. */
interface PrincipalEntries {
  byAction: Map<string, Map<string, Entry[]>>;
  pairs: number;
}

export class DecisionCache {
  readonly #byPrincipal = new WeakMap<PrincipalIdentity, PrincipalEntries>();

  evaluate(request: AuthorizationRequest): Decision {
    let entries = this.#byPrincipal.get(request.principal);
    if (!entries) {
      entries = { byAction: new Map(), pairs: 0 };
      this.#byPrincipal.set(request.principal, entries);
    }
    const variants = entries.byAction.get(request.action)?.get(request.resource);
    const hit = variants?.find((entry) => stillHolds(entry, request));
    if (hit) return hit.decision;

    const reads: [string, ContextValue | undefined][] = [];
    const recording: RequestContext = {
      get(key) {
        const value = request.context.get(key);
        // Once per key: a key several statements test is checked once per hit, not once per statement.
        if (!reads.some(([read]) => read === key)) reads.push([key, value]);
        return value;
      },
    };
    const decision = evaluate({ ...request, context: recording });
    const entry: Entry = {
      identityPolicies: request.identityPolicies,
      resourcePolicy: request.resourcePolicy?.policy,
      resourcePolicyKind: request.resourcePolicy?.kind,
      reads,
      decision,
    };
    if (variants) {
      if (variants.length >= MAX_VARIANTS) variants.shift();
      variants.push(entry);
      return decision;
    }
    if (entries.pairs >= MAX_PAIRS) {
      entries.byAction.clear();
      entries.pairs = 0;
    }
    let byResource = entries.byAction.get(request.action);
    if (!byResource) {
      byResource = new Map();
      entries.byAction.set(request.action, byResource);
    }
    byResource.set(request.resource, [entry]);
    entries.pairs++;
    return decision;
  }
}
