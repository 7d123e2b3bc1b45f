/**
 * Rotation functions, locally. Where AWS takes a Lambda ARN, hush takes either
 *   - a JavaScript module (absolute path or `file://` URL) exporting `handler(event, context)`,
 *     run in a child process whose environment points the AWS SDK back at this server; or
 *   - an `http://` / `https://` URL that receives each event as a JSON POST (2xx = success).
 * Anything else cannot be invoked, and AWS's "cannot invoke" error says so.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AwsError } from '../../protocol/awsError.js';

export type RotationStep = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
export const ROTATION_STEPS: readonly RotationStep[] = [
  'createSecret',
  'setSecret',
  'testSecret',
  'finishSecret',
];

export interface RotationEvent {
  SecretId: string;
  ClientRequestToken: string;
  Step: RotationStep;
}

export class RotationStepFailed extends Error {
  constructor(
    readonly step: RotationStep,
    readonly reason: string,
  ) {
    super(`${step} failed: ${reason}`);
  }
}

export const cannotInvoke = (): AwsError =>
  new AwsError(
    'AccessDeniedException',
    'Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.',
  );

type Target = { kind: 'module'; url: string } | { kind: 'http'; url: string };

function targetOf(reference: string): Target | undefined {
  if (/^https?:\/\//.test(reference)) return { kind: 'http', url: reference };
  if (reference.startsWith('file://')) {
    return existsSync(fileURLToPath(reference)) ? { kind: 'module', url: reference } : undefined;
  }
  if (isAbsolute(reference) && existsSync(reference))
    return { kind: 'module', url: pathToFileURL(reference).href };
  return undefined;
}

export interface InvokeEnvironment {
  /** This server's URL, which the function's AWS SDK talks to. */
  endpoint: string;
  region: string;
  timeoutMs: number;
}

const RUNNER = fileURLToPath(new URL('./moduleRunner.js', import.meta.url));

export class RotationFunctions {
  private readonly children = new Set<ReturnType<typeof spawn>>();

  /** Throws AWS's AccessDeniedException when the function cannot be invoked at all. */
  assertInvocable(reference: string): void {
    if (!targetOf(reference)) throw cannotInvoke();
  }

  async invoke(reference: string, event: RotationEvent, env: InvokeEnvironment): Promise<void> {
    const target = targetOf(reference);
    if (!target) throw new RotationStepFailed(event.Step, 'FunctionNotFound');
    if (target.kind === 'http') return this.invokeHttp(target.url, event, env);
    return this.invokeModule(target.url, event, env);
  }

  private async invokeHttp(url: string, event: RotationEvent, env: InvokeEnvironment): Promise<void> {
    let status: number;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hush-endpoint': env.endpoint,
          'x-hush-region': env.region,
        },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(env.timeoutMs),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      throw new RotationStepFailed(event.Step, (error as Error).name ?? 'FetchError');
    }
    if (status < 200 || status >= 300) throw new RotationStepFailed(event.Step, `HTTP ${status}`);
  }

  private invokeModule(url: string, event: RotationEvent, env: InvokeEnvironment): Promise<void> {
    const childEnv: Record<string, string | undefined> = {
      ...process.env,
      AWS_ENDPOINT_URL: env.endpoint,
      SECRETS_MANAGER_ENDPOINT: env.endpoint,
      AWS_REGION: env.region,
      AWS_DEFAULT_REGION: env.region,
      AWS_ACCESS_KEY_ID:
        process.env.HUSH_ROTATION_ACCESS_KEY_ID ?? process.env.AWS_ACCESS_KEY_ID ?? 'hush-rotation',
      AWS_SECRET_ACCESS_KEY:
        process.env.HUSH_ROTATION_SECRET_ACCESS_KEY ?? process.env.AWS_SECRET_ACCESS_KEY ?? 'hush-rotation',
    };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [RUNNER, url, JSON.stringify(event)], {
        env: childEnv,
        stdio: ['ignore', 'inherit', 'pipe'],
        timeout: env.timeoutMs,
      });
      this.children.add(child);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.once('error', () => {
        this.children.delete(child);
        reject(new RotationStepFailed(event.Step, 'SpawnFailed'));
      });
      child.once('exit', (code, signal) => {
        this.children.delete(child);
        if (code === 0) return resolve();
        // Only the error's class name is kept: the first line the runner writes.
        const reason = signal
          ? `killed by ${signal}`
          : (stderr.split('\n').at(-2) ?? '').slice(0, 100) || `exit ${code}`;
        reject(new RotationStepFailed(event.Step, /^[A-Za-z0-9_ ]+$/.test(reason) ? reason : `exit ${code}`));
      });
    });
  }

  close(): void {
    for (const child of this.children) child.kill('SIGKILL');
  }
}
