/**
 * `hush run [--env-file F…] -- CMD…`: resolve every reference in the environment and env files,
 * then run CMD with the values (runChild.ts: masking, exit status; forwardSignals.ts), or keep it
 * running with fresh values under `--watch` (runWatch.ts).
 */
import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { parseDotenv } from '../dotenv.js';
import { collect, parseInterval } from '../duration.js';
import { type ResolvedEnv, resolveEnv } from '../envReferences.js';
import { forwardSignals } from '../forwardSignals.js';
import { CliError, guarded, paint } from '../output.js';
import { startChild } from '../runChild.js';
import { runWatching } from '../runWatch.js';

interface RunOptions extends AwsOptions {
  envFile?: string[];
  override: boolean;
  strict: boolean;
  masking: boolean;
  watch: boolean;
  interval: number;
  killTimeout: number;
}

export function registerRun(program: Command): void {
  addAwsOptions(
    program
      .command('run')
      .description('Run a command with every reference in its environment resolved, its output masked.')
      .argument('<command...>', 'the command and its arguments (after --)')
      .passThroughOptions()
      .option(
        '--env-file <file>',
        'dotenv file whose variables are added where the environment has none (repeatable; later files win)',
        collect,
      )
      .option('--override', 'let --env-file values replace variables already set in the environment', false)
      .option('--strict', 'fail before starting when a reference cannot be resolved', false)
      .option('--no-masking', 'do not mask secret values in the command’s output')
      .option('--watch', 'restart the command when a referenced value changes', false)
      // Defaults shown as typed, not as the milliseconds they parse to.
      .addOption(
        new Option('--interval <duration>', 'how often --watch polls')
          .argParser(parseInterval)
          .default(30_000, '30s'),
      )
      .addOption(
        new Option(
          '--kill-timeout <duration>',
          'how long --watch lets the command exit after SIGTERM before it sends SIGKILL',
        )
          .argParser(parseInterval)
          .default(10_000, '10s'),
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  DB_PASSWORD=ssm:/prod/db/password hush run -- node server.js
  hush run --env-file .env --strict -- npm test
  hush run --env-file .env --watch --interval 1m --kill-timeout 30s -- ./worker`,
    )
    .action(
      guarded(
        'run',
        (command: string[]) => command[0] ?? '',
        async (command: string[], options: RunOptions) => {
          const client = await awsClient(options);
          const input = readEnvironment(options.envFile ?? [], options.override);
          const first = await resolveEnv(client, input);
          reportProblems(first, options.strict);
          process.exitCode = options.watch
            ? await runWatching(client, command, input, first, options)
            : await runOnce(command, first, options.masking);
        },
      ),
    );
}

/**
 * The environment with the env files' variables added. A variable set in the environment wins over
 * a file unless `override`, as with dotenv, `node --env-file` and docker compose: a file holds
 * defaults, and `DB=ssm:/dev/db hush run --env-file .env …` picks another value for one run.
 */
function readEnvironment(files: readonly string[], override: boolean): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(file, `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    Object.assign(env, parseDotenv(text));
  }
  return override ? { ...process.env, ...env } : { ...env, ...process.env };
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

async function runOnce(command: string[], resolved: ResolvedEnv, masking: boolean): Promise<number> {
  const started = startChild(command, resolved.env, resolved.secrets, masking);
  const stop = forwardSignals(() => started.child);
  try {
    return await started.exited;
  } finally {
    stop();
  }
}
