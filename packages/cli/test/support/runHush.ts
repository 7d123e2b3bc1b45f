/** Runs the real `hush` binary in a child process, as a user's shell would. */
import { spawn } from 'node:child_process';
import { HUSH_BIN } from '../../../server/test/support/hushServe.js';

export interface HushResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
}

export function runHush(args: readonly string[], options: RunOptions = {}): Promise<HushResult> {
  const child = spawn(process.execPath, [HUSH_BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Starts `hush` and hands back the child, for tests that signal it; `output()` is stdout so far. */
export function startHush(args: readonly string[], options: RunOptions = {}) {
  const child = spawn(process.execPath, [HUSH_BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<HushResult>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  /** Resolves once stdout contains `text`. */
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (stdout.includes(text)) {
          child.stdout.off('data', check);
          resolve();
        }
      };
      child.stdout.on('data', check);
      child.once('close', () => reject(new Error(`exited before printing ${text}: ${stderr}`)));
      check();
    });
  return { child, done, waitFor, output: () => stdout };
}
