/**
 * The `hush` command: one verb per file under commands/. Exit codes: 0 success, 1 failure,
 * 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerPolicy } from './commands/policy.js';
import { registerScan } from './commands/scan.js';
import { registerServe } from './commands/serve.js';
import { registerSecretCommands } from './registerCommands.js';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export function buildProgram(): Command {
  const program = new Command('hush')
    .description('Keep Lambda secrets out of environment variables: manage, resolve and serve them.')
    .version('0.1.0')
    .enablePositionalOptions() // lets `hush run CMD --its-flags` pass CMD's options through
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerSecretCommands(program);
  registerServe(program);
  registerAudit(program);
  registerPolicy(program);
  registerScan(program);
  return program;
}

export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      ) {
        return 0;
      }
      return EXIT_USAGE;
    }
    process.stderr.write(`hush: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
