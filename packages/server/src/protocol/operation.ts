/**
 * One API operation: its name, its declarative input shape, and a handler that receives the
 * validated, typed input. Handlers are synchronous by default and run inside one SQLite
 * transaction, so a request that throws leaves nothing written. Operations that must wait on
 * something outside the store (a rotation function) declare `async: true` and open their own
 * transactions around each write.
 */
import type { KmsEngine } from '../kms/engine.js';
import type { Store } from '../store/store.js';
import type { Infer, StructureShape } from './shape.js';

export interface Caller {
  accessKeyId: string;
  /** The region named in the SigV4 credential scope. */
  region: string;
  accountId: string;
  /** `arn:aws:iam::<account>:user/<name>` or the assumed role's ARN when known. */
  arn: string;
}

export interface OperationContext {
  store: Store;
  kms: KmsEngine;
  caller: Caller;
  region: string;
  accountId: string;
  requestId: string;
  /** One clock reading per request, so every timestamp a request writes agrees. */
  now: Date;
  /** Services that outlive a request (rotation scheduler, replication) hang off here. */
  services: ServiceRegistry;
  /**
   * Runs `work` for one item of a batch once the caller is allowed it as the single call the item
   * stands for; throws (AccessDeniedException) when not, so the operation can report that item in
   * its per-item errors and go on with the others. A no-op wrapper outside strict mode.
   */
  authorizeItem: ItemAuthorizer;
}

/** One item of a batch operation, authorized as the single call it stands for. */
export interface BatchItem {
  /** The item as the request named it (a SecretId); the audit log files the item's checks under it. */
  id: string;
  /** The single operation the item stands for: BatchGetSecretValue reads each secret as `GetSecretValue`. */
  operation: string;
  /** That single call's input. */
  input: JsonObject;
}

export type ItemAuthorizer = <T>(item: BatchItem, work: () => T) => T;

/** Open mode: every item is allowed. */
export const allowEveryItem: ItemAuthorizer = (_item, work) => work();

/** Late-bound access to long-lived service helpers, keyed by name to avoid import cycles. */
export interface ServiceRegistry {
  get<T>(name: string): T;
}

export type JsonObject = { [key: string]: unknown };

interface OperationBase<S extends StructureShape> {
  /** The name after the target prefix, e.g. `GetParameter`. */
  name: string;
  input: S;
}
export interface SyncOperationSpec<S extends StructureShape> extends OperationBase<S> {
  async?: false;
  /**
   * A read: it runs without a transaction of its own, which the hottest calls save on every request.
   * Its reads are consistent anyway (one connection, one thread, and a handler never waits), so it
   * may write only single statements that stand alone (a secret's access date, the expiry purge), or
   * a transaction of its own (an AWS-managed key made on first use, a KMS key's deletion or rotation
   * that fell due).
   */
  readOnly?: true;
  handle(input: Infer<S>, ctx: OperationContext): JsonObject;
}
export interface AsyncOperationSpec<S extends StructureShape> extends OperationBase<S> {
  async: true;
  handle(input: Infer<S>, ctx: OperationContext): Promise<JsonObject>;
}

/** An operation as the router holds it, its input type erased (the pipeline only passes it on). */
export interface Operation {
  name: string;
  input: StructureShape;
  async: boolean;
  readOnly: boolean;
  handle(input: unknown, ctx: OperationContext): JsonObject | Promise<JsonObject>;
}

export function defineOperation<S extends StructureShape>(
  spec: SyncOperationSpec<S> | AsyncOperationSpec<S>,
): Operation {
  return {
    name: spec.name,
    input: spec.input,
    async: spec.async === true,
    readOnly: spec.async !== true && spec.readOnly === true,
    handle: spec.handle as Operation['handle'],
  };
}
