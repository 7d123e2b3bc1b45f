/**
 * `hush encrypt-env --key KEY --function NAME`: what the Lambda console's encryption helpers do —
 * KMS Encrypt of the value with the encryption context `{ LambdaFunctionName: NAME }` — printed as
 * base64, ready for an environment variable (or a `kms:` reference).
 */
import type { Command } from 'commander';
import { type AwsOptions, addAwsOptions, createClient } from '../cli/awsOptions.js';
import { describeFailure } from '../cli/errors.js';
import { readSecretValue } from '../cli/secretInput.js';

interface EncryptEnvOptions extends AwsOptions {
  key: string;
  function: string;
  fromFile?: string;
  reference: boolean;
}

export function registerEncryptEnv(program: Command): void {
  addAwsOptions(
    program
      .command('encrypt-env')
      .description(
        'Encrypt a value (stdin) for a Lambda environment variable, as the console’s encryption helpers do.',
      )
      .requiredOption('--key <kms-key>', 'KMS key id, ARN or alias (alias/name)')
      .requiredOption(
        '--function <name>',
        'the Lambda function name (the LambdaFunctionName encryption context)',
      )
      .option('--from-file <path>', 'read the value from this file, byte for byte')
      .option('--reference', 'print a kms:<ciphertext> reference instead of bare base64', false),
  )
    .addHelpText(
      'after',
      `
The value comes from stdin (one trailing newline dropped), --from-file, or a prompt without echo.
The function decrypts it with KMS Decrypt and the same context — hush does this for kms: references.

Examples:
  printf %s "$API_KEY" | hush encrypt-env --key alias/lambda-env --function orders-api
  hush encrypt-env --key alias/lambda-env --function orders-api --reference < token.txt`,
    )
    .action(async (options: EncryptEnvOptions) => {
      const client = createClient(options);
      const subject = `value for ${options.function}`;
      const value = await readSecretValue(subject, options.fromFile);
      try {
        const out = await client.call<{ CiphertextBlob: string }>('kms', 'Encrypt', {
          KeyId: options.key,
          Plaintext: Buffer.from(value, 'utf8').toString('base64'),
          EncryptionContext: { LambdaFunctionName: options.function },
        });
        process.stdout.write(`${options.reference ? 'kms:' : ''}${out.CiphertextBlob}\n`);
      } catch (error) {
        throw describeFailure(`encrypt-env with key ${options.key}`, error);
      }
    });
}
