/**
 * The audit log: one JSON line per request — who, what, on which resource, what was decided and by
 * which statement, how it ended. Lines carry names and ARNs only; request bodies, values, plaintexts
 * and ciphertexts never reach this file (the record type has no field that could hold them).
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { existingTrail, type TrailEntry } from '../auth/trail.js';
import type { RequestHooks } from '../http/handleRequest.js';

export interface AuditRecord {
  time: string;
  requestId: string;
  /** The authenticated principal's ARN (strict mode), else the caller the server assumed. */
  principal?: string;
  accessKeyId?: string;
  action?: string;
  /** The resource of the deciding check (the denied one, or the request's first). */
  resource?: string;
  decision: 'Allow' | 'Deny' | 'NotEvaluated';
  statement?: { policy: string; sid?: string; index: number };
  status: number;
  errorCode?: string;
  sourceAddress: string;
  /**
   * Every check made, when there was more than one (batches, KMS calls made on the caller's behalf).
   * A check with `item` was made for that item of a batch: a Deny there refused the item (reported
   * in the response's errors), not the request.
   */
  checks?: {
    action: string;
    resource: string;
    decision: 'Allow' | 'Deny';
    viaService?: string;
    item?: string;
  }[];
}

/**
 * Lines are appended synchronously (one small write, in O_APPEND mode so concurrent writers never
 * interleave within a line): by the time a client has its answer, the line is in the file.
 */
export class AuditLog {
  private fd: number | undefined;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.fd = openSync(path, 'a', 0o600);
  }

  append(record: AuditRecord): void {
    if (this.fd !== undefined) writeSync(this.fd, `${JSON.stringify(record)}\n`);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The check that decided the request: its first denial, else its first check; batch items' own checks decide only their item. */
function decidingEntry(entries: readonly TrailEntry[]): TrailEntry | undefined {
  const own = entries.filter((e) => e.item === undefined);
  return own.find((e) => e.decision === 'Deny') ?? own[0];
}

export function auditHook(log: AuditLog, strict: boolean): RequestHooks {
  return {
    afterResponse(info, outcome) {
      const trail = existingTrail(info.request);
      const entry = decidingEntry(trail?.entries ?? []);
      const action =
        entry?.action ??
        info.action ??
        (info.service && info.operation ? `${info.service.signingName}:${info.operation.name}` : undefined);
      const decision: AuditRecord['decision'] = entry
        ? entry.decision
        : !strict && info.caller && outcome.errorCode !== 'AccessDeniedException'
          ? 'Allow'
          : 'NotEvaluated';
      const statement = entry?.statement && {
        policy: entry.statement.policy,
        ...(entry.statement.sid !== undefined ? { sid: entry.statement.sid } : {}),
        index: entry.statement.index,
      };
      const record: AuditRecord = {
        time: new Date().toISOString(),
        requestId: info.requestId,
        ...((trail?.identity?.arn ?? info.caller?.arn)
          ? { principal: trail?.identity?.arn ?? info.caller?.arn }
          : {}),
        ...(info.authorization ? { accessKeyId: info.authorization.accessKeyId } : {}),
        ...(action ? { action } : {}),
        ...(entry ? { resource: entry.resource } : {}),
        decision,
        ...(statement ? { statement } : {}),
        status: outcome.status,
        ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
        sourceAddress: info.sourceAddress,
        ...(trail && trail.entries.length > 1
          ? {
              checks: trail.entries.map((e) => ({
                action: e.action,
                resource: e.resource,
                decision: e.decision,
                ...(e.viaService ? { viaService: e.viaService } : {}),
                ...(e.item !== undefined ? { item: e.item } : {}),
              })),
            }
          : {}),
      };
      log.append(record);
    },
  };
}
