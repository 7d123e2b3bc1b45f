/**
 * Passes the signals `hush run` receives on to the command it started, as chamber and aws-vault users
 * expect from a command that stands between them and their program (those two exec() the program, so
 * every signal reaches it once; hush stays in the middle to mask output, so it forwards).
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The signals forwarded. Without a handler each of them would end hush and orphan the command.
 * SIGUSR1 is left out: Node reserves it for its inspector. SIGKILL and SIGSTOP cannot be caught.
 */
export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'] as const;

/** The signals a terminal sends to its whole foreground process group (Ctrl-C, Ctrl-\). */
const FROM_THE_KEYBOARD: ReadonlySet<NodeJS.Signals> = new Set(['SIGINT', 'SIGQUIT']);

/**
 * Whether hush is in the foreground process group of its controlling terminal (false where that
 * cannot be told). The command is in hush's process group, so a Ctrl-C typed there has reached it
 * already: forwarding it would deliver it twice, and a second interrupt means "stop now, without
 * cleaning up" to terraform, docker compose and many dev servers.
 */
const inTerminalForeground = (): boolean => foregroundFromProc() ?? foregroundFromPs() ?? false;

/** Linux: read from /proc/self/stat; undefined without /proc. */
export function foregroundFromProc(): boolean | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  // After "pid (comm) ": state ppid pgrp session tty_nr tpgid …
  const [, , pgrp, , ttyNr, tpgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ttyNr !== '0' && pgrp !== undefined && tpgid === pgrp;
}

/**
 * macOS and the BSDs, which have no /proc: asked of ps (POSIX keywords; separate -o flags, since a
 * header after `=` would take in the rest of the argument). Only run for a Ctrl-C or Ctrl-\, so the
 * few milliseconds of a ps start do not matter. Undefined when ps is missing or says nothing usable.
 */
export function foregroundFromPs(): boolean | undefined {
  const ps = spawnSync('ps', ['-o', 'tpgid=', '-o', 'pgid=', '-p', String(process.pid)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [tpgid, pgid] = (ps.stdout ?? '').trim().split(/\s+/).map(Number);
  if (ps.status !== 0 || !Number.isInteger(tpgid) || !Number.isInteger(pgid)) return undefined;
  // Without a controlling terminal tpgid is -1 (procps) or 0 (BSD).
  return tpgid !== undefined && tpgid > 0 && tpgid === pgid;
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
