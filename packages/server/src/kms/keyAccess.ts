/**
 * How a KMS operation reaches the key its `KeyId` names: found by any of its names, checked against
 * the key states the operation accepts (AWS's key-state table), and — for the operations the policy
 * of an AWS-managed key allows no one — refused as AWS refuses them.
 */

import { AwsError } from '../protocol/awsError.js';
import type { OperationContext } from '../protocol/operation.js';
import type { KeyRecord, Scope } from './engine.js';

export const scopeOf = (ctx: OperationContext): Scope => ({ region: ctx.region, account: ctx.accountId });

/**
 * - `any`: every state (DescribeKey, GetKeyPolicy, ListResourceTags…)
 * - `manage`: Enabled or Disabled; pending deletion is refused (EnableKey, TagResource, CreateAlias…)
 * - `use`: Enabled only, as cryptography needs (Encrypt, GenerateDataKey, EnableKeyRotation…)
 */
export type StatesAllowed = 'any' | 'manage' | 'use';

export interface KeyAccess {
  states: StatesAllowed;
  /**
   * The IAM action (`kms:DisableKey`) when the operation changes the key: AWS-managed keys allow
   * only their service's cryptography and metadata reads, so such a change is denied by the key policy.
   */
  changes?: string;
}

export function keyFor(ctx: OperationContext, reference: string, access: KeyAccess): KeyRecord {
  const key = ctx.kms.findKey(scopeOf(ctx), reference, ctx.now);
  if (access.changes !== undefined) refuseAwsManaged(ctx, key, access.changes);
  assertState(ctx, key, access.states);
  return key;
}

export function refuseAwsManaged(ctx: OperationContext, key: KeyRecord, action: string): void {
  if (key.manager !== 'AWS') return;
  throw new AwsError(
    'AccessDeniedException',
    `User: ${ctx.caller.arn} is not authorized to perform: ${action} on resource: ${key.arn} because no resource-based policy allows the ${action} action`,
  );
}

export function assertState(ctx: OperationContext, key: KeyRecord, states: StatesAllowed): void {
  if (states === 'use') ctx.kms.assertUsable(key);
  if (states === 'manage' && key.state === 'PendingDeletion') {
    throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  }
}

/** DryRun: every check passed, so say so instead of acting. */
export function endDryRun(dryRun: boolean | undefined): void {
  if (dryRun) {
    throw new AwsError(
      'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.',
    );
  }
}
