/**
 * The one way tests start a child process (`hush`, `hush serve`, the AWS CLI): collect its output
 * as text, and hand back a promise of how it ended.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  /** The whole environment of the child (nothing is inherited unless passed). */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to the child's stdin, which is then closed; without it stdin is /dev/null. */
  input?: string;
  /** Leave stdin an open pipe (`child.stdin`) for the test to write to, as to a terminal. */
  openStdin?: boolean;
  /** Start the child in its own process group (to signal the group, as a terminal does). */
  detached?: boolean;
}

export interface RunningProcess {
  child: ChildProcessByStdio<Writable | null, Readable, Readable>;
  /** Resolves once the child exited and its output ended; rejects when it cannot be started. */
  done: Promise<ProcessResult>;
  stdout(): string;
  stderr(): string;
  /** stdout and stderr interleaved as they arrived. */
  output(): string;
  /** Resolves once stdout (so far, in total) contains `text`; rejects if the child ends first. */
  waitFor(text: string): Promise<void>;
}

export function spawnProcess(
  command: string,
  args: readonly string[],
  options: SpawnOptions,
): RunningProcess {
  const common = {
    env: options.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.detached ? { detached: true } : {}),
  };
  const child: RunningProcess['child'] =
    options.input === undefined && !options.openStdin
      ? spawn(command, args, { ...common, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(command, args, { ...common, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  if (options.input !== undefined) child.stdin?.end(options.input);
  const done = new Promise<ProcessResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  // A caller that only watches the output must not turn a failed start into an unhandled rejection.
  done.catch(() => {});
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
  return { child, done, stdout: () => stdout, stderr: () => stderr, output: () => output, waitFor };
}

/** Runs a child to its end. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: SpawnOptions,
): Promise<ProcessResult> {
  return spawnProcess(command, args, options).done;
}
