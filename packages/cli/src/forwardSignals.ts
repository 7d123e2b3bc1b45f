/**
 * Passes the signals `hush run` receives on to the command it started, as chamber and aws-vault users
 * expect from a command that stands between them and their program (those two exec() the program, so
 * every signal reaches it once; hush stays in the middle to mask output, so it forwards).
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The signals forwarded. Without a handler each of them would end hush and orphan the command.
 * SIGUSR1 is left out: Node reserves it for its inspector. SIGKILL and SIGSTOP cannot be caught.
 */
export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'] as const;

/** The signals a terminal sends to its whole foreground process group (Ctrl-C, Ctrl-\). */
const FROM_THE_KEYBOARD: ReadonlySet<NodeJS.Signals> = new Set(['SIGINT', 'SIGQUIT']);

/**
 * Whether hush is in the foreground process group of its controlling terminal (read from Linux's
 * /proc; false where that is not available). The command is in hush's process group, so a Ctrl-C
 * typed there has reached it already: forwarding it would deliver it twice, and a second interrupt
 * means "stop now, without cleaning up" to terraform, docker compose and many dev servers.
 */
function inTerminalForeground(): boolean {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After "pid (comm) ": state ppid pgrp session tty_nr tpgid …
    const [, , pgrp, , ttyNr, tpgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ttyNr !== '0' && pgrp !== undefined && tpgid === pgrp;
  } catch {
    return false;
  }
}

/** Sends the signals hush receives to the current child; returns the function that stops it. */
export function forwardSignals(
  current: () => ChildProcess | undefined,
  onSignal: () => void = () => {},
): () => void {
  const handler = (signal: NodeJS.Signals) => {
    onSignal();
    if (FROM_THE_KEYBOARD.has(signal) && inTerminalForeground()) return;
    const child = current();
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of FORWARDED_SIGNALS) process.off(signal, handler);
  };
}
