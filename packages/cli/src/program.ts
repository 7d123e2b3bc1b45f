/**
 * The `hush` command: one verb per file under commands/. Exit codes: 0 success, 1 failure,
 * 2 usage error (commander's own errors included).
 */
import { Command, CommanderError } from 'commander';
import { paint } from './cli/colour.js';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from './cli/errors.js';
import { registerAudit } from './commands/audit.js';
import { registerDecryptEnv } from './commands/decryptEnv.js';
import { registerEncryptEnv } from './commands/encryptEnv.js';
import { registerGet } from './commands/get.js';
import { registerLs } from './commands/ls.js';
import { registerPut } from './commands/put.js';
import { registerRun } from './commands/run.js';
import { registerServe } from './commands/serve.js';

export { EXIT_FAILURE, EXIT_USAGE };

export function buildProgram(): Command {
  const program = new Command('hush')
    .description('Keep Lambda secrets out of environment variables: manage, resolve and serve them.')
    .version('0.1.0')
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
References (one grammar everywhere):
  ssm:/prod/db/password          ssm:/prod/db/password:3        ssm:/prod/db/password:live
  secretsmanager:prod/stripe     secretsmanager:prod/stripe#apiKey
  secretsmanager:prod/stripe?stage=AWSPREVIOUS                  kms:<base64 ciphertext>
  \${ssm:/prod/db/password}       {{resolve:secretsmanager:prod/stripe:SecretString:apiKey}}

Examples:
  printf %s "$PASSWORD" | hush put ssm:/prod/db/password
  hush get secretsmanager:prod/stripe#apiKey
  hush ls ssm:/prod/
  hush run --env-file .env -- node server.js
  hush resolve serverless.yml --check

Against a local hush serve: --endpoint http://127.0.0.1:4566 (or AWS_ENDPOINT_URL).
Exit codes: 0 success, 1 failure, 2 usage error.`,
    );
  registerServe(program);
  registerAudit(program);
  registerPut(program);
  registerGet(program);
  registerLs(program);
  registerRun(program);
  registerEncryptEnv(program);
  registerDecryptEnv(program);
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
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${paint(process.stderr).red('hush:')} ${message}\n`);
    return error instanceof CliError ? error.exitCode : EXIT_FAILURE;
  }
}
