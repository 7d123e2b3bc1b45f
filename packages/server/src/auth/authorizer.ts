/**
 * Runs the evaluator for each access check a request needs and turns the first denial into AWS's
 * AccessDeniedException. Resource policies arrive as JSON text from the store; their parsed form is
 * cached by text, so a policy change takes effect on the next request.
 */
import { AwsError } from '../protocol/awsError.js';
import type { AccessCheck } from './access/index.js';
import type { Identity } from './config.js';
import { type Policy, PolicyError, parsePolicy } from './policy/document.js';
import { type AuthorizationRequest, accessDeniedMessage, evaluate } from './policy/evaluate.js';
import { type ContextValue, type RequestContext, requestContext } from './policy/requestContext.js';
import type { TrailEntry } from './trail.js';

export interface CallFacts {
  identity: Identity;
  sourceIp: string;
  region: string;
  now: Date;
  viaService?: string | undefined;
}

const parsedPolicies = new Map<string, Policy | null>();

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
    if (parsedPolicies.size > 1000) parsedPolicies.clear();
    parsedPolicies.set(document, policy);
  }
  return { policy: policy ?? { name: 'unreadable-policy', statements: [] }, kind };
}

export function globalConditionKeys(
  facts: CallFacts,
  action: string,
): Record<string, ContextValue | undefined> {
  const { identity } = facts;
  return {
    'aws:PrincipalArn': identity.principalArn,
    'aws:PrincipalAccount': identity.accountId,
    'aws:PrincipalType': identity.kind === 'user' ? 'User' : 'AssumedRole',
    'aws:username': identity.kind === 'user' ? identity.name : undefined,
    'aws:CurrentTime': facts.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(facts.now.getTime() / 1000)),
    'aws:SourceIp': facts.sourceIp.startsWith('::ffff:') ? facts.sourceIp.slice(7) : facts.sourceIp,
    'aws:SecureTransport': 'false',
    'aws:RequestedRegion': facts.region,
    'aws:ViaAWSService': facts.viaService ? 'true' : 'false',
    ...(action.startsWith('kms:')
      ? { 'kms:CallerAccount': identity.accountId, 'kms:ViaService': facts.viaService }
      : {}),
  };
}

/** The global keys of one call, lower-cased, built once per call and kind of action. */
const globalContexts = new WeakMap<CallFacts, { kms?: RequestContext; other?: RequestContext }>();

function globalContext(facts: CallFacts, action: string): RequestContext {
  let contexts = globalContexts.get(facts);
  if (!contexts) {
    contexts = {};
    globalContexts.set(facts, contexts);
  }
  const kind = action.startsWith('kms:') ? 'kms' : 'other';
  let context = contexts[kind];
  if (!context) {
    context = requestContext(globalConditionKeys(facts, action));
    contexts[kind] = context;
  }
  return context;
}

/**
 * A check's own keys over the call's global keys, built on the first lookup: most statements have
 * no condition and no policy variable, so most checks never read their context at all.
 */
function checkContext(facts: CallFacts, check: AccessCheck): RequestContext {
  let own: RequestContext | undefined;
  return {
    get(key) {
      own ??= requestContext(check.context);
      return own.get(key) ?? globalContext(facts, check.action).get(key);
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
    const decision = evaluate(request);
    const entry: TrailEntry = {
      action: check.action,
      resource: check.resource,
      decision: decision.effect,
      statement: decision.statement,
      ...(decision.effect === 'Deny' ? { reason: decision.reason } : {}),
      ...(facts.viaService ? { viaService: facts.viaService } : {}),
    };
    trail.push(entry);
    if (decision.effect === 'Deny') return { entry, message: accessDeniedMessage(request, decision.reason) };
  }
  return undefined;
}

export const accessDenied = (message: string): AwsError => new AwsError('AccessDeniedException', message);
