/**
 * Runs the evaluator for each access check a request needs and turns the first denial into AWS's
 * AccessDeniedException. Resource policies arrive as JSON text from the store; their parsed form is
 * cached by text, so a policy change takes effect on the next request (as a new policy object, which
 * the decision cache does not know).
 */
import { BoundedMap } from '../caches/boundedMap.js';
import { AwsError } from '../protocol/awsError.js';
import type { AccessCheck } from './access/index.js';
import type { Identity } from './config.js';
import { DecisionCache } from './policy/decisionCache.js';
import { type Policy, PolicyError, parsePolicy } from './policy/document.js';
import { type AuthorizationRequest, accessDeniedMessage } from './policy/evaluate.js';
import { type ContextValue, type RequestContext, requestContext } from './policy/requestContext.js';
import type { TrailEntry } from './trail.js';

export interface CallFacts {
  identity: Identity;
  sourceIp: string;
  region: string;
  now: Date;
  viaService?: string | undefined;
}

const parsedPolicies = new BoundedMap<string, Policy | null>(1000);
/** Every request of a hot path asks the same questions; see DecisionCache for when an answer is reused. */
const decisions = new DecisionCache();

function resourcePolicy(check: AccessCheck): AuthorizationRequest['resourcePolicy'] {
  if (!check.resourcePolicy) return undefined;
  const { document, kind } = check.resourcePolicy;
  let policy = parsedPolicies.get(document);
  if (policy === undefined) {
    try {
      policy = parsePolicy(document, kind === 'kms-key' ? 'key-policy' : 'resource-policy');
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      // A stored policy we cannot read grants nothing; for a KMS key that means only Deny.
      policy = null;
    }
    parsedPolicies.set(document, policy);
  }
  return { policy: policy ?? { name: 'unreadable-policy', statements: [] }, kind };
}

type KeyReader = (facts: CallFacts) => ContextValue | undefined;

/** The global condition keys every request carries, by lower-cased name, read only when asked for. */
const GLOBAL_KEYS: ReadonlyMap<string, KeyReader> = new Map<string, KeyReader>([
  ['aws:principalarn', (f) => f.identity.principalArn],
  ['aws:principalaccount', (f) => f.identity.accountId],
  ['aws:principaltype', (f) => (f.identity.kind === 'user' ? 'User' : 'AssumedRole')],
  ['aws:username', (f) => (f.identity.kind === 'user' ? f.identity.name : undefined)],
  ['aws:currenttime', (f) => f.now.toISOString().replace(/\.\d{3}Z$/, 'Z')],
  ['aws:epochtime', (f) => String(Math.floor(f.now.getTime() / 1000))],
  ['aws:sourceip', (f) => (f.sourceIp.startsWith('::ffff:') ? f.sourceIp.slice(7) : f.sourceIp)],
  ['aws:securetransport', () => 'false'],
  ['aws:requestedregion', (f) => f.region],
  ['aws:viaawsservice', (f) => (f.viaService ? 'true' : 'false')],
]);

/** What KMS adds for its own actions. */
const KMS_KEYS: ReadonlyMap<string, KeyReader> = new Map<string, KeyReader>([
  ['kms:calleraccount', (f) => f.identity.accountId],
  ['kms:viaservice', (f) => f.viaService],
]);

/**
 * The call's global keys and a check's own keys, each worked out on its first lookup: most
 * statements have no condition and no policy variable, so most checks never read their context.
 * The call's keys are looked up first: a check never carries one (its own keys are the service's,
 * see AccessCheck), and a policy that reads only those (the AWS-managed key policies read
 * kms:ViaService and kms:CallerAccount) then never has the check's keys lower-cased into a map.
 */
function checkContext(facts: CallFacts, check: AccessCheck): RequestContext {
  let own: RequestContext | undefined;
  const kms = check.action.startsWith('kms:');
  return {
    get(key) {
      const reader = GLOBAL_KEYS.get(key) ?? (kms ? KMS_KEYS.get(key) : undefined);
      if (reader) return reader(facts);
      own ??= requestContext(typeof check.context === 'function' ? check.context() : check.context);
      return own.get(key);
    },
  };
}

export interface Denial {
  entry: TrailEntry;
  message: string;
}

/** Evaluates every check, appending each decision to `trail`; returns the first denial, if any. */
export function authorizeChecks(
  checks: readonly AccessCheck[],
  facts: CallFacts,
  trail: TrailEntry[],
): Denial | undefined {
  for (const check of checks) {
    const request: AuthorizationRequest = {
      principal: facts.identity,
      action: check.action,
      resource: check.resource,
      context: checkContext(facts, check),
      identityPolicies: facts.identity.policies,
      resourcePolicy: resourcePolicy(check),
    };
    const decision = decisions.evaluate(request);
    const entry: TrailEntry = {
      action: check.action,
      resource: check.resource,
      decision: decision.effect,
      statement: decision.statement,
      // Members always present (undefined when unset) rather than spread in: two checks a request.
      reason: decision.effect === 'Deny' ? decision.reason : undefined,
      viaService: facts.viaService || undefined,
    };
    trail.push(entry);
    if (decision.effect === 'Deny') return { entry, message: accessDeniedMessage(request, decision.reason) };
  }
  return undefined;
}

export const accessDenied = (message: string): AwsError => new AwsError('AccessDeniedException', message);
