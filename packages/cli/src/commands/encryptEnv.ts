/** `hush encrypt-env --key KEY --function NAME`: stdin → base64 KMS ciphertext for a Lambda env var. */
import type { Command } from 'commander';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { lambdaContext } from '../kmsEnv.js';
import { CliError, guarded } from '../output.js';
import { readSecretValue } from '../values.js';

interface EncryptOptions extends AwsOptions {
  key: string;
  function: string;
  fromFile?: string;
}

export function registerEncryptEnv(program: Command): void {
  addAwsOptions(
    program
      .command('encrypt-env')
      .description(
        'Encrypt a value (stdin) for a Lambda environment variable, with context {LambdaFunctionName: NAME}.',
      )
      .requiredOption('--key <kms-key>', 'KMS key id, ARN or alias')
      .requiredOption('--function <name>', 'the Lambda function name (the encryption context)')
      .option('--from-file <file>', 'read the value from this file'),
  ).action(
    guarded(
      'encrypt-env',
      (options: EncryptOptions) => options.function,
      async (options: EncryptOptions) => {
        const value = await readSecretValue(`${options.function} (encrypt-env)`, options.fromFile);
        if (value === '') throw new CliError(options.function, 'the value is empty');
        const result = await (await awsClient(options)).call<{ CiphertextBlob: string }>('kms', 'Encrypt', {
          KeyId: options.key,
          Plaintext: Buffer.from(value, 'utf8').toString('base64'),
          EncryptionContext: lambdaContext(options.function),
        });
        process.stdout.write(`${result.CiphertextBlob}\n`);
      },
    ),
  );
}
