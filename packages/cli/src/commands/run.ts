/**
 * `hush run [--env-file F…] -- CMD…`: resolve every reference in the environment and env files,
 * start CMD with the values, mask them in its output, forward signals, exit with its code.
 * `--watch` re-resolves on an interval and restarts CMD when a value changes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { type AwsOptions, addAwsOptions, createClient } from '../cli/awsOptions.js';
import { parseDurationOption } from '../cli/duration.js';
import { CliError } from '../cli/errors.js';
import { warn } from '../cli/output.js';
import type { FetchContext } from '../resolver/fetchReference.js';
import { Resolver } from '../resolver/resolver.js';
import { forwardSignals, type RunningChild, startChild } from '../run/child.js';
import { type ResolvedEnvironment, readEnvironment, resolveEnvironment } from '../run/environment.js';
import { maskPatterns } from '../run/masker.js';

interface RunOptions extends AwsOptions {
  envFile?: string[];
  strict: boolean;
  masking: boolean;
  watch: boolean;
  watchInterval: number;
  function?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerRun(program: Command): void {
  addAwsOptions(
    program
      .command('run')
      .description('Run a command with every reference in its environment resolved, its output masked.')
      .argument('<command...>', 'the command and its arguments (after --)')
      .option('--env-file <file>', 'read variables from a dotenv file (repeatable; later files win)', collect)
      .option('--strict', 'fail when a reference cannot be resolved instead of leaving it as written', false)
      .option('--no-masking', 'do not mask secret values in the command’s stdout and stderr')
      .option('--watch', 'poll the references and restart the command when a value changes', false)
      .option('--watch-interval <duration>', 'how often --watch polls', parseDurationOption, 30_000)
      .option(
        '--function <name>',
        'Lambda function name for kms: references (default: AWS_LAMBDA_FUNCTION_NAME)',
      )
      .passThroughOptions(),
  )
    .addHelpText(
      'after',
      `
Every variable whose value is a reference (ssm:/…, secretsmanager:…, kms:…, \${ssm:…}, {{resolve:…}})
is replaced by the value it names; references inside longer values are replaced in place. Values are
masked as [REDACTED] in the command's output (values shorter than 4 characters are not masked).
Exit code: the command's, or 128 + signal number when it is killed by a signal.

Examples:
  DB_PASSWORD=ssm:/prod/db/password hush run -- node server.js
  hush run --env-file .env --strict -- npm test
  hush run --env-file .env --watch --watch-interval 1m -- ./worker`,
    )
    .action(async (command: string[], options: RunOptions) => {
      const client = createClient(options);
      const functionName = options.function ?? process.env.AWS_LAMBDA_FUNCTION_NAME;
      const context: FetchContext = { client, ...(functionName ? { functionName } : {}) };
      const raw = readEnvironment(process.env, options.envFile ?? []);
      const first = await resolveEnvironment(raw, new Resolver(context));
      reportProblems(first, options.strict);
      process.exitCode = options.watch
        ? await runWatching(command, raw, first, context, options)
        : await runOnce(command, first, options.masking);
    });
}

function reportProblems(resolved: ResolvedEnvironment, strict: boolean): void {
  for (const { variable, problem } of resolved.problems) {
    const line = `${variable}: ${problem.message}`;
    if (strict) process.stderr.write(`hush: ${line}\n`);
    else warn(`${line} (left unresolved)`);
  }
  if (strict && resolved.problems.length > 0) {
    const n = resolved.problems.length;
    throw new CliError(
      `${n} reference${n === 1 ? '' : 's'} could not be resolved; not starting the command (--strict)`,
    );
  }
}

async function runOnce(command: string[], resolved: ResolvedEnvironment, masking: boolean): Promise<number> {
  const child = startChild(command, resolved.env, masking ? maskPatterns(resolved.secrets) : undefined);
  const stopForwarding = forwardSignals(() => child.process);
  try {
    return await child.exited;
  } finally {
    stopForwarding();
  }
}

async function runWatching(
  command: string[],
  raw: Record<string, string>,
  first: ResolvedEnvironment,
  context: FetchContext,
  options: RunOptions,
): Promise<number> {
  let current: RunningChild | undefined;
  let signalled = false;
  const stopForwarding = forwardSignals(
    () => current?.process,
    () => {
      signalled = true;
    },
  );
  let resolved = first;
  try {
    for (;;) {
      current = startChild(
        command,
        resolved.env,
        options.masking ? maskPatterns(resolved.secrets) : undefined,
      );
      const polling = new AbortController();
      const outcome = await Promise.race([
        current.exited.then((code) => ({ exited: true as const, code })),
        waitForChange(raw, resolved, context, options.watchInterval, polling.signal).then((next) => ({
          exited: false as const,
          next,
        })),
      ]);
      polling.abort();
      if (outcome.exited) return outcome.code;
      if (!outcome.next || signalled) return current.exited;
      process.stderr.write('hush: a referenced value changed; restarting the command\n');
      current.process.kill('SIGTERM');
      const code = await current.exited;
      if (signalled) return code;
      resolved = outcome.next;
    }
  } finally {
    stopForwarding();
  }
}

/** Polls until a resolved value differs from `previous`; undefined when aborted. Polls with problems are skipped. */
async function waitForChange(
  raw: Record<string, string>,
  previous: ResolvedEnvironment,
  context: FetchContext,
  interval: number,
  signal: AbortSignal,
): Promise<ResolvedEnvironment | undefined> {
  while (!signal.aborted) {
    try {
      await sleep(interval, undefined, { signal });
    } catch {
      return undefined;
    }
    const next = await resolveEnvironment(raw, new Resolver(context));
    if (signal.aborted) return undefined;
    if (next.problems.length > 0) {
      warn(`--watch: ${next.problems.length} reference(s) could not be re-read; keeping the running command`);
      continue;
    }
    if (Object.keys(next.env).some((name) => next.env[name] !== previous.env[name])) return next;
  }
  return undefined;
}
