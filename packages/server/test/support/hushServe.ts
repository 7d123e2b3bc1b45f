/**
 * Starts a real `hush serve` in a child process, exactly as a user would run it, and hands tests
 * the endpoint plus ready-made AWS SDK v3 clients pointed at it.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { spawnProcess } from './childProcess.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const HUSH_BIN = join(REPO_ROOT, 'packages/cli/bin/hush.js');

export const TEST_CREDENTIALS = { accessKeyId: 'AKIAHUSHTEST', secretAccessKey: 'hush-test-secret' };

export interface HushServe {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed so far (stdout and stderr), for leak checks. */
  output(): string;
  ssm(region?: string): SSMClient;
  kms(region?: string): KMSClient;
  secretsManager(region?: string): SecretsManagerClient;
  /** Environment variables that point the AWS SDK/CLI (and hush) at this server. */
  env(region?: string): Record<string, string>;
  /** SIGTERM and wait for exit; returns the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash. */
  kill(): Promise<void>;
  /** Removes the data dir (when the helper made it). */
  cleanup(): void;
}

export interface StartOptions {
  /** Keep data here; default: a fresh temporary directory. */
  dataDir?: string;
  inMemory?: boolean;
  args?: string[];
  env?: Record<string, string>;
}

export async function startHushServe(options: StartOptions = {}): Promise<HushServe> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hush-test-'));
  const args = [
    HUSH_BIN,
    'serve',
    '--port',
    '0',
    ...(options.inMemory ? ['--in-memory'] : ['--data-dir', dataDir]),
  ];
  const running = spawnProcess(process.execPath, [...args, ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
  });
  const { child, output } = running;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hush serve did not start: ${output()}`)), 20_000);
    const onData = () => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(output());
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hush serve exited with ${code}: ${output()}`));
    });
  });
  const port = Number(new URL(url).port);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const clientConfig = (region = 'us-east-1') => ({
    endpoint: url,
    region,
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
  });

  return {
    url,
    port,
    dataDir,
    process: child,
    output,
    ssm: (region) => new SSMClient(clientConfig(region)),
    kms: (region) => new KMSClient(clientConfig(region)),
    secretsManager: (region) => new SecretsManagerClient(clientConfig(region)),
    env: (region = 'us-east-1') => ({
      AWS_ENDPOINT_URL: url,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    }),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    cleanup() {
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls `fn`, expecting it to fail with an AWS error; returns the error for assertions. */
export async function awsError(
  fn: () => Promise<unknown>,
): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await fn();
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
