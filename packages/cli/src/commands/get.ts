/** `hush get REF`: prints the value (`#field` picks a JSON field), or the whole record with `--json`. */
import type { Command } from 'commander';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { CliError, guarded, printJson } from '../output.js';
import { parseTarget, ssmNameWithSelector } from '../target.js';

interface GetOptions extends AwsOptions {
  json: boolean;
}

export function registerGet(program: Command): void {
  addAwsOptions(
    program
      .command('get')
      .description('Print the value at REF (secretsmanager:id#field picks a JSON field).')
      .argument('<ref>', 'ssm:/name[:version|:label] or secretsmanager:id[#field][?stage=…]')
      .option('--json', 'print the full record (value included) as JSON', false),
  ).action(
    guarded(
      'get',
      (ref: string) => ref,
      async (ref: string, options: GetOptions) => {
        const target = parseTarget(ref);
        const client = await awsClient(options);
        const region = target.region ? { region: target.region } : {};
        if (target.store === 'ssm') {
          const { Parameter } = await client.call<{ Parameter: { Value: string } }>(
            'ssm',
            'GetParameter',
            { Name: ssmNameWithSelector(target), WithDecryption: true },
            region,
          );
          if (options.json) printJson(Parameter);
          else process.stdout.write(`${Parameter.Value}\n`);
          return;
        }
        const secret = await client.call<{ SecretString?: string; SecretBinary?: string }>(
          'secretsmanager',
          'GetSecretValue',
          {
            SecretId: target.secretId,
            ...(target.versionId ? { VersionId: target.versionId } : {}),
            ...(target.versionStage ? { VersionStage: target.versionStage } : {}),
          },
          region,
        );
        if (options.json) return printJson(secret);
        if (secret.SecretString === undefined) {
          if (target.field) throw new CliError(ref, 'the secret is binary; it has no fields');
          process.stdout.write(Buffer.from(secret.SecretBinary ?? '', 'base64'));
          return;
        }
        if (!target.field) {
          process.stdout.write(`${secret.SecretString}\n`);
          return;
        }
        const picked = pickField(ref, secret.SecretString, target.field);
        process.stdout.write(`${typeof picked === 'string' ? picked : JSON.stringify(picked)}\n`);
      },
    ),
  );
}

/** Reads `field` of a JSON secret string; the error never quotes the secret. */
export function pickField(ref: string, secretString: string, field: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw new CliError(ref, `#${field}: the secret is not JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || !(field in parsed)) {
    throw new CliError(ref, `#${field}: no such field in the secret`);
  }
  return (parsed as Record<string, unknown>)[field];
}
