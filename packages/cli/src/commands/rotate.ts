/**
 * `hush rotate REF`: Secrets Manager — trigger the secret's rotation; SSM — write a new random
 * value of the same type and key (the value is never printed).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type Command, InvalidArgumentError } from 'commander';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { guarded } from '../output.js';
import { parseTarget } from '../target.js';

interface RotateOptions extends AwsOptions {
  length: number;
}

function parseLength(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 8 || n > 4096) throw new InvalidArgumentError('must be 8 to 4096');
  return n;
}

/** URL-safe characters, so the value survives shells, URLs and env files. */
const randomValue = (length: number): string => randomBytes(length).toString('base64url').slice(0, length);

export function registerRotate(program: Command): void {
  addAwsOptions(
    program
      .command('rotate')
      .description('Rotate a secret (Secrets Manager rotation) or give a parameter a new random value.')
      .argument('<ref>', 'ssm:/name or secretsmanager:id')
      .option('--length <n>', 'length of a generated SSM value', parseLength, 32),
  ).action(
    guarded(
      'rotate',
      (ref: string) => ref,
      async (ref: string, options: RotateOptions) => {
        const target = parseTarget(ref);
        const client = await awsClient(options);
        const region = target.region ? { region: target.region } : {};
        if (target.store === 'secretsmanager') {
          const result = await client.call<{ VersionId?: string }>(
            'secretsmanager',
            'RotateSecret',
            { SecretId: target.secretId, ClientRequestToken: randomUUID() },
            region,
          );
          process.stderr.write(
            `hush: rotate: ${ref}: rotation started (version ${result.VersionId ?? '?'})\n`,
          );
          return;
        }
        const { Parameters } = await client.call<{ Parameters: { Type: string }[] }>(
          'ssm',
          'DescribeParameters',
          { ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: [target.name] }] },
          region,
        );
        const existing = Parameters[0] as { Type: string; KeyId?: string } | undefined;
        if (!existing) {
          await client.call('ssm', 'GetParameter', { Name: target.name }, region); // throws ParameterNotFound
        }
        const result = await client.call<{ Version: number }>(
          'ssm',
          'PutParameter',
          {
            Name: target.name,
            Value: randomValue(options.length),
            Type: existing?.Type === 'String' ? 'String' : 'SecureString',
            Overwrite: true,
            ...(existing?.KeyId ? { KeyId: existing.KeyId } : {}),
          },
          region,
        );
        process.stderr.write(`hush: rotate: ${ref}: new value stored (version ${result.Version})\n`);
      },
    ),
  );
}
