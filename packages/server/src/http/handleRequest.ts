/**
 * The AWS JSON 1.1 request pipeline: read the body, read the SigV4 credential scope, find the
 * operation from `X-Amz-Target`, parse and validate the input, run the operation in a transaction,
 * and answer with JSON or an AWS-shaped error. Hooks let fault injection, strict-mode auth and the
 * audit log take part without the pipeline knowing about them.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KmsEngine } from '../kms/engine.js';
import { parseAuthorization, type SigV4Authorization } from '../protocol/authorization.js';
import { AwsError, internalError } from '../protocol/awsError.js';
import {
  allowEveryItem,
  type Caller,
  type ItemAuthorizer,
  type JsonObject,
  type Operation,
  type OperationContext,
  type ServiceRegistry,
} from '../protocol/operation.js';
import type { Router, Service } from '../protocol/services.js';
import { validateUntyped } from '../protocol/shape.js';
import type { Store } from '../store/store.js';
import { endAtTurnEnd } from './endAtTurnEnd.js';
import { parseBody } from './parseBody.js';
import { readBody } from './readBody.js';
import { serializeAnswer } from './serializeAnswer.js';

export interface RequestInfo {
  requestId: string;
  target: string;
  service?: Service;
  operation?: Operation;
  authorization?: SigV4Authorization;
  caller?: Caller;
  /** Validated input, once known. Hooks must never log it: it may hold secret values. */
  input?: unknown;
  request: IncomingMessage;
  body: Buffer;
  sourceAddress: string;
  /** The IAM action of a request that is no AWS operation (the control endpoint's `hush:*`), for the audit. */
  action?: string;
}

export interface RequestHooks {
  /**
   * Runs once the operation is known, before authentication: what happens to every request on its
   * way, signed or not (round-trip counting, injected network latency).
   */
  beforeOperation?(info: RequestInfo): Promise<void> | void;
  /** Resolves the caller from the request (strict mode verifies the signature here). */
  authenticate?(info: RequestInfo & { authorization: SigV4Authorization }): Caller;
  /**
   * Runs once the caller is authenticated, before validation: what the service does to a caller
   * it knows (throttling per access key, injected throttles and errors). AWS checks the signature
   * first, so a request that fails it is never throttled and spends no one's budget.
   */
  afterAuthentication?(info: RequestInfo & { caller: Caller }): Promise<void> | void;
  /**
   * Runs after validation, with the caller and the validated input (strict mode's IAM check).
   * May return a KMS engine for the operation to use instead of the shared one, so that KMS calls
   * a service makes on the caller's behalf are authorized too, and the check a batch operation
   * runs for each of its items (`OperationContext.authorizeItem`).
   */
  authorize?(
    info: RequestInfo & { caller: Caller; input: unknown },
  ): { kms?: KmsEngine; authorizeItem?: ItemAuthorizer } | undefined;
  /** Runs once the answer is known (audit). */
  afterResponse?(info: RequestInfo, outcome: { status: number; errorCode?: string }): void;
}

export interface PipelineOptions {
  router: Router;
  store: Store;
  kms: KmsEngine;
  services: ServiceRegistry;
  accountId: string;
  maxBodyBytes: number;
  hooks: RequestHooks[];
}

const CONTENT_TYPE = 'application/x-amz-json-1.1';

export function createRequestHandler(options: PipelineOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const target = String(request.headers['x-amz-target'] ?? '');
    const info: RequestInfo = {
      requestId,
      target,
      request,
      body: Buffer.alloc(0),
      sourceAddress: request.socket.remoteAddress ?? '',
    };
    let status = 200;
    let errorCode: string | undefined;
    try {
      const result = await handle(info, options);
      send(response, 200, requestId, result);
    } catch (thrown) {
      const error = thrown instanceof AwsError ? thrown : internalError();
      if (!(thrown instanceof AwsError)) {
        // Log the failure's kind and place, never its message: it may quote a request value.
        const where = thrown instanceof Error ? (thrown.stack?.split('\n')[1]?.trim() ?? '') : '';
        console.error(
          `[hush] ${requestId} ${target} internal error: ${(thrown as Error)?.name ?? 'unknown'} ${where}`,
        );
      }
      status = error.status;
      errorCode = error.code;
      const messageMember = info.service?.errorMessageMember ?? 'message';
      send(response, error.status, requestId, {
        __type: error.code,
        [messageMember]: error.message,
        ...error.extra,
      });
    }
    for (const hook of options.hooks)
      hook.afterResponse?.(info, { status, ...(errorCode ? { errorCode } : {}) });
  };
}

async function handle(info: RequestInfo, options: PipelineOptions): Promise<JsonObject> {
  const { request } = info;
  if (request.method !== 'POST') {
    throw new AwsError('UnknownOperationException', `${request.method} is not supported; use POST /.`, 400);
  }
  info.body = await readBody(request, options.maxBodyBytes);
  // Hooks get the request's own record as it fills in, not a copy each.
  const signed = Object.assign(info, { authorization: parseAuthorization(request.headers.authorization) });
  const found = options.router.find(info.target);
  if (!found) throw new AwsError('UnknownOperationException', '');
  info.service = found.service;
  info.operation = found.operation;
  for (const hook of options.hooks) {
    // Await only what is pending: a tick per hook per request is measurable on the hot path.
    const pending = hook.beforeOperation?.(info);
    if (pending) await pending;
  }

  const caller = authenticate(signed, options);
  const authenticated = Object.assign(info, { caller });
  for (const hook of options.hooks) {
    const pending = hook.afterAuthentication?.(authenticated);
    if (pending) await pending;
  }

  const operation = found.operation;
  const input = validateUntyped(operation.input, parseBody(info.body, operation.readOnly));
  const authorizable = Object.assign(authenticated, { input });
  let kms = options.kms;
  let authorizeItem = allowEveryItem;
  for (const hook of options.hooks) {
    const granted = hook.authorize?.(authorizable);
    kms = granted?.kms ?? kms;
    authorizeItem = granted?.authorizeItem ?? authorizeItem;
  }

  const ctx: OperationContext = {
    store: options.store,
    kms,
    caller,
    region: caller.region,
    accountId: caller.accountId,
    requestId: info.requestId,
    now: new Date(),
    services: options.services,
    authorizeItem,
  };
  if (operation.async || operation.readOnly) return operation.handle(input, ctx);
  return options.store.transaction(() => operation.handle(input, ctx) as JsonObject);
}

function authenticate(
  info: RequestInfo & { authorization: SigV4Authorization },
  options: PipelineOptions,
): Caller {
  const { authorization } = info;
  for (const hook of options.hooks) {
    if (hook.authenticate) return hook.authenticate(info);
  }
  return {
    accessKeyId: authorization.accessKeyId,
    region: authorization.region,
    accountId: options.accountId,
    arn: `arn:aws:iam::${options.accountId}:root`,
  };
}

function send(response: ServerResponse, status: number, requestId: string, body: object): void {
  const payload = serializeAnswer(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': requestId,
  });
  endAtTurnEnd(response, payload);
}
