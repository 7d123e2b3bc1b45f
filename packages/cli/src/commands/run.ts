/**
 * `hush run [--env-file F…] -- CMD…`: resolve every reference in the environment and env files,
 * start CMD with the values, mask them in its output, forward signals, exit with its code
 * (128 + signal number when it is killed). `--watch` re-resolves every `--interval` and restarts
 * CMD when a value changes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { AwsJsonClient } from 'hush/aws';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { parseDotenv } from '../dotenv.js';
import { collect, parseInterval } from '../duration.js';
import { type ResolvedEnv, resolveEnv } from '../envReferences.js';
import { Masker } from '../masker.js';
import { CliError, guarded, paint } from '../output.js';

interface RunOptions extends AwsOptions {
  envFile?: string[];
  strict: boolean;
  masking: boolean;
  watch: boolean;
  interval: number;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function registerRun(program: Command): void {
  addAwsOptions(
    program
      .command('run')
      .description('Run a command with every reference in its environment resolved, its output masked.')
      .argument('<command...>', 'the command and its arguments (after --)')
      .passThroughOptions()
      .option('--env-file <file>', 'dotenv file to add to the environment (repeatable; later wins)', collect)
      .option('--strict', 'fail before starting when a reference cannot be resolved', false)
      .option('--no-masking', 'do not mask secret values in the command’s output')
      .option('--watch', 'restart the command when a referenced value changes', false)
      .option('--interval <duration>', 'how often --watch polls', parseInterval, 30_000),
  )
    .addHelpText(
      'after',
      `
Examples:
  DB_PASSWORD=ssm:/prod/db/password hush run -- node server.js
  hush run --env-file .env --strict -- npm test
  hush run --env-file .env --watch --interval 1m -- ./worker`,
    )
    .action(
      guarded(
        'run',
        (command: string[]) => command[0] ?? '',
        async (command: string[], options: RunOptions) => {
          const client = awsClient(options);
          const input = readEnvironment(options.envFile ?? []);
          const first = await resolveEnv(client, input);
          reportProblems(first, options.strict);
          process.exitCode = options.watch
            ? await runWatching(client, command, input, first, options)
            : await runOnce(command, first, options.masking);
        },
      ),
    );
}

function readEnvironment(files: readonly string[]): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(file, `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    Object.assign(env, parseDotenv(text));
  }
  return env;
}

function reportProblems(resolved: ResolvedEnv, strict: boolean): void {
  for (const p of resolved.problems) {
    const consequence = strict ? '' : ', left as is';
    process.stderr.write(
      `${paint(strict ? 'red' : 'yellow', 'hush')}: run: ${p.reference}: ${p.reason} (in ${p.variable}${consequence})\n`,
    );
  }
  if (strict && resolved.problems.length > 0) {
    const n = resolved.problems.length;
    throw new CliError('--strict', `${n} reference${n === 1 ? '' : 's'} could not be resolved; not starting`);
  }
}

interface Started {
  child: ChildProcess;
  exited: Promise<number>;
}

function start(command: string[], resolved: ResolvedEnv, masking: boolean): Started {
  const [file = '', ...args] = command;
  const mask = masking && resolved.secrets.length > 0;
  const child = spawn(file, args, {
    env: resolved.env,
    stdio: ['inherit', mask ? 'pipe' : 'inherit', mask ? 'pipe' : 'inherit'],
  });
  if (mask) {
    for (const [source, sink] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      const masker = new Masker(resolved.secrets, (text) => sink.write(text));
      source?.on('data', (chunk: Buffer) => masker.push(chunk));
      source?.on('end', () => masker.end());
    }
  }
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
    // 'close' comes after stdout/stderr end, so masked output is written before we exit.
    child.once('close', (code, signal) =>
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)),
    );
  });
  return { child, exited };
}

/** Sends the signals hush receives to the current child; returns the function that stops it. */
function forwardSignals(
  current: () => ChildProcess | undefined,
  onSignal: () => void = () => {},
): () => void {
  const handler = (signal: NodeJS.Signals) => {
    onSignal();
    const child = current();
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
}

async function runOnce(command: string[], resolved: ResolvedEnv, masking: boolean): Promise<number> {
  const started = start(command, resolved, masking);
  const stop = forwardSignals(() => started.child);
  try {
    return await started.exited;
  } finally {
    stop();
  }
}

async function runWatching(
  client: AwsJsonClient,
  command: string[],
  input: Record<string, string | undefined>,
  first: ResolvedEnv,
  options: RunOptions,
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
      current = start(command, resolved, options.masking);
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
