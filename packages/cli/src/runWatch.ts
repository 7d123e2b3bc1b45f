/**
 * `hush run --watch`: runs the command, re-resolves the environment every interval, and restarts the
 * command (SIGTERM, then a new start) when a value changed. A signal to hush ends the loop.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AwsJsonClient } from 'hush/aws';
import { type ResolvedEnv, resolveEnv } from './envReferences.js';
import { forwardSignals } from './forwardSignals.js';
import { type Started, startChild } from './runChild.js';

export interface WatchOptions {
  masking: boolean;
  interval: number;
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
      current.child.kill('SIGTERM');
      const code = await current.exited;
      if (signalled) return code;
      resolved = outcome.next;
    }
  } finally {
    stop();
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
