/**
 * What one API request must be allowed to do: one or more (action, resource) checks, each with the
 * condition keys the request supplies and, for KMS keys and secrets, the resource's own policy.
 */
import type { Scope } from '../../kms/engine.js';
import type { ResourcePolicy } from '../policy/evaluate.js';
import type { ContextValue } from '../policy/requestContext.js';
import type { ResourceLookup } from '../resources.js';

/** Condition keys by name, as a check supplies them. */
export type CheckContext = Record<string, ContextValue | undefined>;

export interface AccessCheck {
  action: string;
  resource: string;
  /**
   * The condition keys this request supplies for the service (`ssm:`, `secretsmanager:`,
   * `kms:EncryptionContext:`…). Never a global key (`aws:*`, `kms:CallerAccount`,
   * `kms:ViaService`): the authorizer supplies those from the call and looks them up first.
   * A function is called only if a policy reads one of these keys.
   */
  context: CheckContext | (() => CheckContext);
  /** The key policy or the secret's resource policy (JSON text), when the resource has one. */
  resourcePolicy?: { document: string; kind: ResourcePolicy['kind'] } | undefined;
}

export interface MappingContext {
  scope: Scope;
  lookup: ResourceLookup;
  /** The call's clock: a KMS key past its deletion date no longer exists. */
  now: Date;
}

export type RequestInput = Readonly<Record<string, unknown>>;
export type AccessMapper = (input: RequestInput, ctx: MappingContext) => AccessCheck[];

export const stringMember = (input: RequestInput, name: string): string | undefined => {
  const value = input[name];
  return typeof value === 'string' ? value : undefined;
};

export const stringListMember = (input: RequestInput, name: string): string[] => {
  const value = input[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

export const anyResource = (action: string, context: CheckContext = {}): AccessCheck => ({
  action,
  resource: '*',
  context,
});
