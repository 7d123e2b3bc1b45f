/**
 * What Secrets Manager keeps running beside the requests: the rotation functions it invokes, the
 * rotations in progress, and the scheduler that starts rotations when they fall due. The server
 * registers one instance under SECRETS_MANAGER_RUNTIME; `close` stops the scheduler, waits for
 * rotations in progress and kills function processes still running.
 */
import { randomUUID } from 'node:crypto';
import type { KmsEngine } from '../kms/engine.js';
import type { Store } from '../store/store.js';
import { invalidRequest } from './errors.js';
import { syncReplicas } from './replication.js';
import { ROTATION_STEPS, RotationFunctions, RotationStepFailed } from './rotation/rotationFunction.js';
import { nextRotation, type RotationRules } from './rotation/schedule.js';
import { attachStage, type SecretRow, secretByArn, versionOf, versionWithStage } from './secretStore.js';
import { addEmptyVersion, type WriteEnv } from './versionWriter.js';

export const SECRETS_MANAGER_RUNTIME = 'secretsmanager';

export interface RuntimeOptions {
  store: Store;
  kms: KmsEngine;
  /** This server's URL: rotation functions call back here. */
  endpoint: string;
  /** How often the scheduler looks for due rotations (default 60 s, `HUSH_ROTATION_CHECK_INTERVAL_MS`). */
  checkIntervalMs?: number;
  /** How long one rotation step may take (default 60 s, `HUSH_ROTATION_TIMEOUT_MS`). */
  stepTimeoutMs?: number;
}

export type RotationOutcome = { ok: true } | { ok: false; step: string; reason: string };

const RETRY_AFTER_FAILURE_MS = 3_600_000;

const envNumber = (name: string): number | undefined => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
};

export const previousRotationIncomplete = () =>
  invalidRequest("A previous rotation isn't complete. That rotation will be reattempted.");

export class SecretsManagerRuntime {
  readonly functions = new RotationFunctions();
  private readonly inProgress = new Map<string, Promise<RotationOutcome>>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: RuntimeOptions) {
    const interval = options.checkIntervalMs ?? envNumber('HUSH_ROTATION_CHECK_INTERVAL_MS') ?? 60_000;
    this.timer = setInterval(() => this.startDueRotations(), interval);
    this.timer.unref();
  }

  isRotating(arn: string): boolean {
    return this.inProgress.has(arn);
  }

  /**
   * The version a rotation works on: the pending version a failed rotation left (AWS reattempts
   * with it), or a new empty one labelled AWSPENDING, which the function's createSecret fills.
   */
  preparePendingVersion(env: WriteEnv, secret: SecretRow, token: string): string {
    const pending = versionWithStage(env.db, secret.arn, 'AWSPENDING');
    const current = versionWithStage(env.db, secret.arn, 'AWSCURRENT');
    if (pending && pending.version_id !== current?.version_id) return pending.version_id;
    if (!versionOf(env.db, secret.arn, token)) addEmptyVersion(env, secret.arn, token);
    attachStage(env.db, secret.arn, 'AWSPENDING', token);
    return token;
  }

  /** Drives the four steps; on success records the rotation, on failure leaves AWSPENDING where it is. */
  rotate(arn: string, token: string): Promise<RotationOutcome> {
    if (this.inProgress.has(arn)) throw previousRotationIncomplete();
    const run = this.runSteps(arn, token).finally(() => this.inProgress.delete(arn));
    this.inProgress.set(arn, run);
    return run;
  }

  private async runSteps(arn: string, token: string): Promise<RotationOutcome> {
    const secret = secretByArn(this.options.store.db, arn);
    if (!secret?.rotation_lambda_arn)
      return { ok: false, step: 'createSecret', reason: 'NoRotationFunction' };
    const env = {
      endpoint: this.options.endpoint,
      region: secret.region,
      timeoutMs: this.options.stepTimeoutMs ?? envNumber('HUSH_ROTATION_TIMEOUT_MS') ?? 60_000,
    };
    try {
      for (const step of ROTATION_STEPS) {
        await this.functions.invoke(
          secret.rotation_lambda_arn,
          { SecretId: arn, ClientRequestToken: token, Step: step },
          env,
        );
      }
    } catch (error) {
      if (!(error instanceof RotationStepFailed)) throw error;
      return this.failed(arn, error.step, error.reason);
    }
    if (this.closed) return { ok: false, step: 'finishSecret', reason: 'ServerClosing' };
    const db = this.options.store.db;
    if (versionWithStage(db, arn, 'AWSCURRENT')?.version_id !== token) {
      return this.failed(arn, 'finishSecret', 'AWSCURRENT was not moved to the new version');
    }
    const now = Date.now();
    this.options.store.transaction(() => {
      const rules = JSON.parse(secretByArn(db, arn)?.rotation_rules ?? '{}') as RotationRules;
      db.prepare(
        'UPDATE sm_secrets SET last_rotated_at = ?, next_rotation_at = ?, last_changed_at = ? WHERE arn = ?',
      ).run(now, nextRotation(rules, now) ?? null, now, arn);
      syncReplicas(
        {
          db,
          kms: this.options.kms,
          scope: { region: secret.region, account: secret.account },
          now: new Date(now),
        },
        arn,
      );
    });
    return { ok: true };
  }

  /** AWS reports a failed rotation in CloudTrail (RotationFailed); hush prints it, without values. */
  private failed(arn: string, step: string, reason: string): RotationOutcome {
    console.error(`[hush] secretsmanager: RotationFailed for ${arn} at step ${step}: ${reason}`);
    if (!this.closed) {
      this.options.store.db
        .prepare('UPDATE sm_secrets SET next_rotation_at = ? WHERE arn = ? AND rotation_enabled = 1')
        .run(Date.now() + RETRY_AFTER_FAILURE_MS, arn);
    }
    return { ok: false, step, reason };
  }

  /** Starts every scheduled rotation that is due (one at a time per secret). */
  private startDueRotations(): void {
    if (this.closed) return;
    const db = this.options.store.db;
    const due = db
      .prepare(
        `SELECT * FROM sm_secrets WHERE rotation_enabled = 1 AND next_rotation_at IS NOT NULL AND next_rotation_at <= ?
           AND deleted_at IS NULL AND primary_region IS NULL AND rotation_lambda_arn IS NOT NULL`,
      )
      .all(Date.now()) as SecretRow[];
    for (const secret of due) {
      if (this.inProgress.has(secret.arn)) continue;
      const env = {
        db,
        kms: this.options.kms,
        scope: { region: secret.region, account: secret.account },
        now: new Date(),
      };
      let token: string;
      try {
        token = this.options.store.transaction(() => this.preparePendingVersion(env, secret, randomUUID()));
      } catch {
        continue;
      }
      void this.rotate(secret.arn, token).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.functions.close();
    await Promise.allSettled([...this.inProgress.values()]);
  }
}
