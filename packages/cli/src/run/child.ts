/**
 * Runs the command with its resolved environment: output through the masker (or straight through),
 * SIGINT/SIGTERM/SIGHUP forwarded, and its exit turned into ours (128 + signal number when killed).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { CliError } from '../cli/errors.js';
import { MaskingStream } from './masker.js';

export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface RunningChild {
  process: ChildProcess;
  /** Resolves with the exit code hush should use once the child has exited and its output is drained. */
  exited: Promise<number>;
}

export function startChild(
  command: readonly string[],
  env: Record<string, string>,
  maskPatterns: readonly string[] | undefined,
): RunningChild {
  const [file, ...args] = command as [string, ...string[]];
  const masking = maskPatterns !== undefined && maskPatterns.length > 0;
  const child = spawn(file, args, {
    env,
    stdio: ['inherit', masking ? 'pipe' : 'inherit', masking ? 'pipe' : 'inherit'],
  });
  if (masking) {
    child.stdout?.pipe(new MaskingStream(maskPatterns)).pipe(process.stdout, { end: false });
    child.stderr?.pipe(new MaskingStream(maskPatterns)).pipe(process.stderr, { end: false });
  }
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? 'command not found' : (error.code ?? error.message);
      reject(new CliError(`cannot run "${file}": ${reason}`, error.code === 'ENOENT' ? 127 : 126));
    });
    // 'close' waits for stdout/stderr to end, so masked output is fully written before we exit.
    child.once('close', (code, signal) => {
      if (code !== null) resolve(code);
      else resolve(128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
  return { process: child, exited };
}

/** Forwards the signals hush receives to whichever child is current; returns the remover. */
export function forwardSignals(
  current: () => ChildProcess | undefined,
  onSignal?: (signal: NodeJS.Signals) => void,
): () => void {
  const handlers = FORWARDED_SIGNALS.map((signal) => {
    const handler = () => {
      onSignal?.(signal);
      const child = current();
      if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => {
    for (const remove of handlers) remove();
  };
}
