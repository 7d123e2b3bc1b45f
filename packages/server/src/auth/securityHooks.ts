/**
 * What `startServer` adds for strict mode and the audit log, from its options: the hooks (strict
 * mode first, so it authenticates; the audit last, so it sees every outcome), the guard for the
 * control endpoint in strict mode, and what to close.
 */
import { join, resolve } from 'node:path';
import { AuditLog, auditHook } from '../audit/auditLog.js';
import type { ControlGuard } from '../faults/index.js';
import type { RequestHooks } from '../http/handleRequest.js';
import type { KmsEngine } from '../kms/engine.js';
import type { Store } from '../store/store.js';
import { parseAuthConfig } from './config.js';
import { strictControlGuard, strictModeHooks } from './strictMode.js';

export interface SecurityOptions {
  /** Strict mode's parsed config (users, roles, access keys, policies); absent = open mode. */
  auth?: unknown;
  /** Audit log path; default `<dataDir>/audit.log` (none when in memory); `false` turns it off. */
  auditLog?: string | false;
}

export interface Security {
  accountId: string;
  strict: RequestHooks[];
  /** Who may use `/_hush/*`: absent in open mode, where anyone who reaches the port may. */
  control: ControlGuard | undefined;
  audit: RequestHooks[];
  close(): Promise<void>;
}

export function securityHooks(
  options: SecurityOptions,
  deps: { store: Store; kms: KmsEngine; dataDir: string; inMemory: boolean; accountId: string },
): Security {
  const config = options.auth === undefined ? undefined : parseAuthConfig(options.auth, deps.accountId);
  const auditPath =
    options.auditLog === false
      ? undefined
      : options.auditLog !== undefined
        ? resolve(options.auditLog)
        : deps.inMemory
          ? undefined
          : join(deps.dataDir, 'audit.log');
  const log = auditPath === undefined ? undefined : new AuditLog(auditPath);
  return {
    accountId: config?.accountId ?? deps.accountId,
    strict: config ? [strictModeHooks(config, deps)] : [],
    control: config ? strictControlGuard(config, {}) : undefined,
    audit: log ? [auditHook(log, config !== undefined)] : [],
    close: async () => log?.close(),
  };
}
