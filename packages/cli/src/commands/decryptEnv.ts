/** `hush decrypt-env --function NAME [CIPHERTEXT]`: the inverse of encrypt-env (ciphertext or stdin). */
import type { Command } from 'commander';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { lambdaContext } from '../kmsEnv.js';
import { CliError, guarded } from '../output.js';
import { readStdin } from '../values.js';

interface DecryptOptions extends AwsOptions {
  function: string;
}

export function registerDecryptEnv(program: Command): void {
  addAwsOptions(
    program
      .command('decrypt-env')
      .description('Decrypt a Lambda environment variable ciphertext (argument, kms:… or stdin).')
      .argument('[ciphertext]', 'base64 ciphertext (default: read from stdin)')
      .requiredOption('--function <name>', 'the Lambda function name it was encrypted for'),
  ).action(
    guarded(
      'decrypt-env',
      (_c: string | undefined, options: DecryptOptions) => options.function,
      async (ciphertext: string | undefined, options: DecryptOptions) => {
        const blob = (ciphertext ?? (await readStdin())).trim().replace(/^kms:/, '');
        if (blob === '' || !/^[A-Za-z0-9+/=]+$/.test(blob)) {
          throw new CliError(options.function, 'the ciphertext must be base64');
        }
        const result = await (await awsClient(options)).call<{ Plaintext: string }>('kms', 'Decrypt', {
          CiphertextBlob: blob,
          EncryptionContext: lambdaContext(options.function),
        });
        process.stdout.write(`${Buffer.from(result.Plaintext, 'base64').toString('utf8')}\n`);
      },
    ),
  );
}
