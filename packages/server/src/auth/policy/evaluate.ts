/**
 * The IAM decision for one action on one resource, as AWS documents it for a request within one
 * account: an explicit Deny in any policy wins; otherwise an Allow is needed. For a KMS key the key
 * policy must allow, directly or by delegating to IAM through the account principal (then an
 * identity policy must allow too). For other resources an identity-policy Allow suffices, and a
 * resource policy naming the caller grants on its own. Anything else is an implicit deny.
 */
import { conditionsHold } from './conditions.js';
import type { Policy, Statement } from './document.js';
import { matchPrincipal, type PrincipalIdentity, type PrincipalMatch } from './principal.js';
import { type RequestContext, substituteVariables } from './requestContext.js';
import { actionMatches, arnMatches } from './wildcard.js';

export interface ResourcePolicy {
  policy: Policy;
  /** A KMS key policy is required to allow; a secret's resource policy only adds grants. */
  kind: 'kms-key' | 'resource';
}

export interface AuthorizationRequest {
  principal: PrincipalIdentity;
  action: string;
  resource: string;
  context: RequestContext;
  identityPolicies: readonly Policy[];
  resourcePolicy?: ResourcePolicy | undefined;
}

export interface DecidingStatement {
  policy: string;
  sid: string | undefined;
  index: number;
}

export type DenialReason =
  | 'explicit-identity'
  | 'explicit-resource'
  | 'no-identity-allow'
  | 'no-resource-allow';

export type Decision =
  | { effect: 'Allow'; statement: DecidingStatement }
  | { effect: 'Deny'; reason: DenialReason; statement: DecidingStatement | undefined };

function statementApplies(statement: Statement, request: AuthorizationRequest): boolean {
  const actionHit = statement.actions.patterns.some((p) => actionMatches(p, request.action));
  if (actionHit === statement.actions.negated) return false;
  if (statement.resources) {
    const resourceHit = statement.resources.patterns.some((p) => {
      const pattern = substituteVariables(p, request.context);
      return pattern !== undefined && arnMatches(pattern, request.resource);
    });
    if (resourceHit === statement.resources.negated) return false;
  }
  return conditionsHold(statement.conditions, request.context);
}

function principalMatch(statement: Statement, who: PrincipalIdentity): PrincipalMatch {
  if (!statement.principals) return 'none';
  const match = matchPrincipal(statement.principals.spec, who);
  if (!statement.principals.negated) return match;
  // NotPrincipal: everyone except the named principals (a named account covers its principals).
  return match === 'none' ? 'direct' : 'none';
}

const deciding = (policy: Policy, statement: Statement): DecidingStatement => ({
  policy: policy.name,
  sid: statement.sid,
  index: statement.index,
});

export function evaluate(request: AuthorizationRequest): Decision {
  const identityAllows: DecidingStatement[] = [];
  for (const policy of request.identityPolicies) {
    for (const statement of policy.statements) {
      if (!statementApplies(statement, request)) continue;
      if (statement.effect === 'Deny') {
        return { effect: 'Deny', reason: 'explicit-identity', statement: deciding(policy, statement) };
      }
      identityAllows.push(deciding(policy, statement));
    }
  }
  let directGrant: DecidingStatement | undefined;
  let delegates = false;
  const resource = request.resourcePolicy;
  if (resource) {
    for (const statement of resource.policy.statements) {
      const match = principalMatch(statement, request.principal);
      if (match === 'none' || !statementApplies(statement, request)) continue;
      if (statement.effect === 'Deny') {
        return {
          effect: 'Deny',
          reason: 'explicit-resource',
          statement: deciding(resource.policy, statement),
        };
      }
      if (match === 'direct') directGrant ??= deciding(resource.policy, statement);
      else delegates = true;
    }
  }
  if (directGrant) return { effect: 'Allow', statement: directGrant };
  const identityAllow = identityAllows[0];
  if (resource?.kind === 'kms-key') {
    if (!delegates) return { effect: 'Deny', reason: 'no-resource-allow', statement: undefined };
    if (identityAllow) return { effect: 'Allow', statement: identityAllow };
    return { effect: 'Deny', reason: 'no-identity-allow', statement: undefined };
  }
  if (identityAllow) return { effect: 'Allow', statement: identityAllow };
  return { effect: 'Deny', reason: 'no-identity-allow', statement: undefined };
}

/** AWS's AccessDenied wording for a decision that denied. */
export function accessDeniedMessage(request: AuthorizationRequest, reason: DenialReason): string {
  const head = `User: ${request.principal.arn} is not authorized to perform: ${request.action} on resource: ${request.resource}`;
  switch (reason) {
    case 'explicit-identity':
      return `${head} with an explicit deny in an identity-based policy`;
    case 'explicit-resource':
      return `${head} with an explicit deny in a resource-based policy`;
    case 'no-identity-allow':
      return `${head} because no identity-based policy allows the ${request.action} action`;
    case 'no-resource-allow':
      return `${head} because no resource-based policy allows the ${request.action} action`;
  }
}
