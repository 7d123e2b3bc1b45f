/**
 * Matching a resource policy's `Principal` against the caller. Naming the account (its id or its
 * `:root` ARN) is not a grant to every principal in it: for an Allow it delegates the decision to
 * the account's identity policies (the "Enable IAM User Permissions" statement of a KMS key
 * policy); for a Deny it covers every principal of the account.
 */
import type { PrincipalSpec } from './document.js';

export interface PrincipalIdentity {
  /** The caller as AWS names it in messages: a user ARN or an `assumed-role/…/session` ARN. */
  arn: string;
  /** `aws:PrincipalArn`: the user or the role (not the session). */
  principalArn: string;
  accountId: string;
}

export type PrincipalMatch = 'direct' | 'account' | 'none';

export function matchPrincipal(spec: PrincipalSpec, who: PrincipalIdentity): PrincipalMatch {
  if (spec.any) return 'direct';
  let match: PrincipalMatch = 'none';
  for (const named of spec.aws) {
    if (named === who.arn || named === who.principalArn) return 'direct';
    if (named === who.accountId || named === `arn:aws:iam::${who.accountId}:root`) match = 'account';
  }
  return match;
}
