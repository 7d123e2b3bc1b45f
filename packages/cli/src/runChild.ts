/**
 * Starts the command `hush run` runs: with the resolved environment, its stdin and (unmasked) its
 * stdout/stderr shared with hush, or its output piped through a Masker. Reports how it ended the way
 * a shell does: its exit code, or 128 + the number of the signal that killed it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import { Masker } from './masker.js';
import { CliError } from './output.js';

export interface Started {
  child: ChildProcess;
  /** The exit status; rejects with a CliError when the command cannot be started. */
  exited: Promise<number>;
}

export function startChild(
  command: readonly string[],
  env: Record<string, string>,
  secrets: readonly string[],
  masking: boolean,
): Started {
  const [file = '', ...args] = command;
  const mask = masking && secrets.length > 0;
  const child = spawn(file, args, {
    env,
    stdio: ['inherit', mask ? 'pipe' : 'inherit', mask ? 'pipe' : 'inherit'],
  });
  const outputs =
    mask && child.stdout && child.stderr
      ? [pipeMasked(child.stdout, process.stdout, secrets), pipeMasked(child.stderr, process.stderr, secrets)]
      : [];
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const notFound = error.code === 'ENOENT';
      reject(
        new CliError(
          file,
          notFound ? 'command not found' : (error.code ?? error.message),
          notFound ? 127 : 126,
        ),
      );
    });
    child.once('exit', (code, signal) => {
      const status = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
      void drain(outputs).then(() => resolve(status));
    });
  });
  return { child, exited };
}

/**
 * How long the masked output is still copied once the command has exited, for a background process
 * it started that holds the pipes open (`sh -c 'server & …'`). What the command wrote itself is in
 * the pipe when it exits and is read in that turn of the event loop, before this timer can fire.
 */
const DRAIN_MS = 100;

/**
 * Waits until the command's masked output has ended, or for DRAIN_MS and then stops reading it: a
 * background process may hold the pipes for hours, and hush ends with the command, as `env` or
 * chamber (which exec it) do. That process then meets a broken pipe if it writes again.
 */
async function drain(outputs: readonly MaskedOutput[]): Promise<void> {
  if (outputs.length === 0) return;
  const timer = setTimeout(() => {
    for (const output of outputs) output.cut();
  }, DRAIN_MS);
  await Promise.all(outputs.map((output) => output.closed));
  clearTimeout(timer);
}

interface MaskedOutput {
  /** Resolves once the source closed and what the masker held back is written. */
  closed: Promise<void>;
  /** Stops reading the source (a held-back tail is written masked). */
  cut(): void;
}

/** Per sink (hush's stdout, stderr): whether it broke, and the command output copied into it now. */
const sinks = new Map<NodeJS.WriteStream, { broken: boolean; source?: Readable }>();

/**
 * Copies `source` to `sink` with the secrets masked. When the sink breaks (hush's stdout was a pipe
 * whose reader left, as in `hush run … | head`), the source is closed too, so the command meets the
 * broken pipe itself, as it would without hush in between, instead of hush dying of an EPIPE.
 */
function pipeMasked(source: Readable, sink: NodeJS.WriteStream, secrets: readonly string[]): MaskedOutput {
  let state = sinks.get(sink);
  if (!state) {
    // One listener per sink for the life of hush: --watch starts the command again and again.
    const created: { broken: boolean; source?: Readable } = { broken: false };
    sink.on('error', () => {
      created.broken = true;
      created.source?.destroy();
    });
    sinks.set(sink, created);
    state = created;
  }
  const sinkState = state;
  sinkState.source = source;
  if (sinkState.broken) source.destroy();
  const masker = new Masker(secrets, (text) => {
    if (!sinkState.broken) sink.write(text);
  });
  let cut = false;
  source.on('data', (chunk: Buffer) => masker.push(chunk));
  // 'close' follows 'end', and also a destroy (a cut, a broken sink) that skips 'end'.
  const closed = new Promise<void>((resolve) =>
    source.once('close', () => {
      masker.end(cut);
      resolve();
    }),
  );
  return {
    closed,
    cut: () => {
      cut = true;
      source.destroy();
    },
  };
}
