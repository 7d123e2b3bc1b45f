/**
 * `hush run --watch`: runs the command, re-resolves the environment every interval, and restarts the
 * command (SIGTERM, SIGKILL if it has not exited after the kill timeout, then a new start) when a
 * value changed. A signal to hush ends the loop.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AwsJsonClient } from 'hush/aws';
import { type ResolvedEnv, resolveEnv } from './envReferences.js';
import { forwardSignals } from './forwardSignals.js';
import { type Started, startChild } from './runChild.js';

export interface WatchOptions {
  masking: boolean;
  interval: number;
  /** How long a command has to exit after SIGTERM before a restart sends SIGKILL. */
  killTimeout: number;
}

export async function runWatching(
  client: AwsJsonClient,
  command: readonly string[],
  input: Record<string, string | undefined>,
  first: ResolvedEnv,
  options: WatchOptions,
): Promise<number> {
  let current: Started | undefined;
  let signalled = false;
  const stop = forwardSignals(
    () => current?.child,
    () => {
      signalled = true;
    },
  );
  let resolved = first;
  try {
    for (;;) {
      current = startChild(command, resolved.env, resolved.secrets, options.masking);
      const polling = new AbortController();
      const outcome = await Promise.race([
        current.exited.then((code) => ({ code })),
        nextChange(client, input, resolved, options.interval, polling.signal).then((next) => ({ next })),
      ]);
      polling.abort();
      if ('code' in outcome) return outcome.code;
      if (!outcome.next || signalled) return current.exited;
      process.stderr.write('hush: run: a referenced value changed; restarting the command\n');
      const code = await terminate(current, options.killTimeout);
      if (signalled) return code;
      resolved = outcome.next;
    }
  } finally {
    stop();
  }
}

/**
 * SIGTERM, then SIGKILL once `killTimeout` passed, as docker stop and systemd do: a command that
 * ignores SIGTERM would otherwise keep the old values running and block the restart for good.
 */
async function terminate(started: Started, killTimeout: number): Promise<number> {
  const { child } = started;
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.stderr.write(
      `hush: run: the command did not exit within ${killTimeout / 1000} s of SIGTERM; sending SIGKILL\n`,
    );
    child.kill('SIGKILL');
  }, killTimeout);
  try {
    return await started.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Polls until a resolved value differs; undefined once aborted. Polls that hit errors are skipped. */
async function nextChange(
  client: AwsJsonClient,
  input: Record<string, string | undefined>,
  previous: ResolvedEnv,
  interval: number,
  signal: AbortSignal,
): Promise<ResolvedEnv | undefined> {
  while (!signal.aborted) {
    try {
      await sleep(interval, undefined, { signal });
    } catch {
      return undefined;
    }
    const next = await resolveEnv(client, input);
    if (signal.aborted) return undefined;
    if (next.problems.length > previous.problems.length) continue;
    if (Object.keys(next.env).some((name) => next.env[name] !== previous.env[name])) return next;
  }
  return undefined;
}
