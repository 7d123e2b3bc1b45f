/**
 * `hush serve`: one HTTP endpoint for SSM Parameter Store, Secrets Manager and KMS, backed by the
 * embedded store. `startServer` is what the CLI and the tests call.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { type SecurityOptions, securityHooks } from './auth/securityHooks.js';
import { loadMasterKey } from './crypto/masterKey.js';
import { type ControlAnswer, createFaultControl } from './faults/index.js';
import { createRequestHandler, type RequestHooks, type RequestInfo } from './http/handleRequest.js';
import { KmsEngine } from './kms/engine.js';
import { kmsService } from './kms/service.js';
import { type RateLimitOptions, rateLimitHook } from './limits/rateLimit.js';
import { parseAuthorization, type SigV4Authorization } from './protocol/authorization.js';
import type { ServiceRegistry } from './protocol/operation.js';
import { Router, type Service } from './protocol/services.js';
import { SECRETS_MANAGER_RUNTIME, SecretsManagerRuntime } from './secretsmanager/runtime.js';
import { secretsManagerService } from './secretsmanager/service.js';
import { ssmService } from './ssm/service.js';
import { Store } from './store/store.js';

export interface ServerOptions extends SecurityOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  inMemory?: boolean;
  accountId?: string;
  /** Base64 master key; defaults to `HUSH_MASTER_KEY` or the key file in the data dir. */
  masterKey?: string;
  maxBodyBytes?: number;
  hooks?: RequestHooks[];
  /** Requests per second allowed per access key (off when absent). */
  rateLimit?: RateLimitOptions;
  /** Open connections accepted at once; more are refused until one closes. */
  maxConnections?: number;
  /** Fault specs (`latency=20ms`, `AmazonSSM.GetParameters:throttle=0.5`); more via `/_hush/faults`. */
  faults?: readonly string[];
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  store: Store;
  kms: KmsEngine;
  /** Registers a long-lived helper (scheduler, replicator) that operations can reach by name. */
  register(name: string, value: unknown): void;
  /** Stops accepting connections, lets in-flight requests finish, then closes the store. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4566;
export const DEFAULT_ACCOUNT_ID = '000000000000';
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_CONNECTIONS = 1024;

export const services: readonly Service[] = [ssmService, kmsService, secretsManagerService];

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const inMemory = options.inMemory ?? false;
  const dataDir = resolve(options.dataDir ?? '.hush');
  const masterKey = loadMasterKey({
    dataDir,
    inMemory,
    ...((options.masterKey ?? process.env.HUSH_MASTER_KEY)
      ? { provided: options.masterKey ?? process.env.HUSH_MASTER_KEY }
      : {}),
  });
  const store = new Store({ dataDir, inMemory });
  for (const service of services) store.migrate(service.migrations);
  const kms = new KmsEngine(store, masterKey);
  const security = securityHooks(options, {
    store,
    kms,
    dataDir,
    inMemory,
    accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
  });

  const faults = createFaultControl(options.faults, {
    guard: security.control,
    onAnswer: (answer) => {
      const info = controlRequestInfo(answer);
      for (const hook of security.audit) {
        hook.afterResponse?.(info, {
          status: answer.status,
          ...(answer.errorCode ? { errorCode: answer.errorCode } : {}),
        });
      }
    },
  });
  const registry = new Map<string, unknown>();
  const serviceRegistry: ServiceRegistry = {
    get<T>(name: string): T {
      if (!registry.has(name)) throw new Error(`service helper ${name} is not registered`);
      return registry.get(name) as T;
    },
  };
  const handler = createRequestHandler({
    router: new Router(services),
    store,
    kms,
    services: serviceRegistry,
    accountId: security.accountId,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    hooks: [
      ...faults.hooks,
      ...(options.rateLimit ? [rateLimitHook(options.rateLimit)] : []),
      ...security.strict,
      ...(options.hooks ?? []),
      ...security.audit,
    ],
  });
  const server: Server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    void (faults.isControlRequest(req) ? faults.handleControl(req, res) : handler(req, res));
  });
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const closers: (() => void | Promise<void>)[] = [];

  const running: RunningServer = {
    url: `http://${host}:${port}`,
    port,
    host,
    store,
    kms,
    register(name, value) {
      registry.set(name, value);
      const closable = value as { close?: () => void | Promise<void> };
      if (typeof closable?.close === 'function') closers.push(() => closable.close?.());
    },
    async close() {
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeIdleConnections();
      });
      for (const close of closers) await close();
      store.close();
      await security.close();
    },
  };
  // Rotation functions call back to this server, so Secrets Manager's runtime starts once it listens.
  running.register(SECRETS_MANAGER_RUNTIME, new SecretsManagerRuntime({ store, kms, endpoint: running.url }));
  return running;
}

/** A control request as the audit hook reads a request: its action, and the access key if it was signed. */
function controlRequestInfo(answer: ControlAnswer): RequestInfo {
  let authorization: SigV4Authorization | undefined;
  try {
    authorization = parseAuthorization(answer.request.headers.authorization);
  } catch {
    authorization = undefined;
  }
  return {
    requestId: answer.requestId,
    target: '',
    request: answer.request,
    body: Buffer.alloc(0),
    sourceAddress: answer.request.socket.remoteAddress ?? '',
    ...(answer.action ? { action: answer.action } : {}),
    ...(authorization ? { authorization } : {}),
  };
}
