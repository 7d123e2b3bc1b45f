/**
 * `hush decrypt-env --function NAME [CIPHERTEXT]`: the inverse of encrypt-env. The ciphertext is not
 * secret, so it may be an argument; otherwise it is read from stdin. Accepts a `kms:` reference too.
 */
import type { Command } from 'commander';
import { AwsServiceError } from 'hush/aws';
import { type AwsOptions, addAwsOptions, createClient } from '../cli/awsOptions.js';
import { CliError, usageError } from '../cli/errors.js';
import { readAllStdin } from '../cli/secretInput.js';

interface DecryptEnvOptions extends AwsOptions {
  function: string;
  newline: boolean;
}

export function registerDecryptEnv(program: Command): void {
  addAwsOptions(
    program
      .command('decrypt-env')
      .description('Decrypt a Lambda environment variable encrypted with the function-name context.')
      .argument('[ciphertext]', 'base64 ciphertext or kms:<ciphertext> (default: read from stdin)')
      .requiredOption('--function <name>', 'the Lambda function name it was encrypted for')
      .option('-n, --no-newline', 'do not print a newline after the value'),
  )
    .addHelpText(
      'after',
      `
Examples:
  hush decrypt-env --function orders-api AQICAHh…
  aws lambda get-function-configuration --function-name orders-api \\
    --query Environment.Variables.API_KEY --output text | hush decrypt-env --function orders-api`,
    )
    .action(async (argument: string | undefined, options: DecryptEnvOptions) => {
      const input = (argument ?? (await readAllStdin())).trim().replace(/^kms:/, '');
      if (!/^[A-Za-z0-9+/=]+$/.test(input)) throw usageError('the ciphertext must be base64');
      const client = createClient(options);
      try {
        const out = await client.call<{ Plaintext: string }>('kms', 'Decrypt', {
          CiphertextBlob: input,
          EncryptionContext: { LambdaFunctionName: options.function },
        });
        const value = Buffer.from(out.Plaintext, 'base64').toString('utf8');
        process.stdout.write(options.newline ? `${value}\n` : value);
      } catch (error) {
        if (error instanceof AwsServiceError && error.code === 'InvalidCiphertextException') {
          throw new CliError(
            `decrypt-env: InvalidCiphertextException: not a ciphertext for function "${options.function}" (wrong function name, key or corrupted data)`,
          );
        }
        throw new CliError(
          `decrypt-env for function "${options.function}": ${error instanceof Error ? error.message : error}`,
        );
      }
    });
}
