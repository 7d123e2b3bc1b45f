/**
 * `hush ls [PREFIX]`: names, types, versions and last change of the parameters and secrets under a
 * prefix. Values only with `--values`.
 */
import type { Command } from 'commander';
import type { AwsJsonClient } from 'hush/aws';
import { type AwsOptions, addAwsOptions, createClient } from '../cli/awsOptions.js';
import { describeFailure } from '../cli/errors.js';
import { formatTime, isoTime, printJson, printTable } from '../cli/output.js';
import { type Prefix, parsePrefix } from '../cli/target.js';
import { getSecretValues, listSecrets } from '../stores/secretsStore.js';
import { getParameterValues, listParameters } from '../stores/ssmStore.js';

interface LsOptions extends AwsOptions {
  json: boolean;
  values: boolean;
}

export interface Listed {
  reference: string;
  store: 'ssm' | 'secretsmanager';
  name: string;
  type: string;
  version: string;
  lastChanged?: string;
  lastChangedBy?: string;
  description?: string;
  value?: string;
}

export function registerLs(program: Command): void {
  addAwsOptions(
    program
      .command('ls')
      .description('List parameters and secrets under a prefix (never their values unless --values).')
      .argument('[prefix]', 'ssm:/path/ or secretsmanager:prefix (default: both stores, everything)')
      .option('--json', 'print a JSON array', false)
      .option('--values', 'include the values (decrypted)', false),
  )
    .addHelpText(
      'after',
      `
Examples:
  hush ls ssm:/prod/
  hush ls secretsmanager:prod/ --json
  hush ls ssm:/dev/ --values`,
    )
    .action(async (text: string | undefined, options: LsOptions) => {
      const prefixes =
        text === undefined ? [parsePrefix('ssm:'), parsePrefix('secretsmanager:')] : [parsePrefix(text)];
      const client = createClient(options);
      const listed: Listed[] = [];
      for (const prefix of prefixes) {
        try {
          listed.push(...(await list(client, prefix, options.values)));
        } catch (error) {
          throw describeFailure(`${prefix.scheme}${prefix.prefix}`, error);
        }
      }
      if (options.json) {
        printJson(listed);
        return;
      }
      const header = ['NAME', 'TYPE', 'VERSION', 'LAST CHANGE', 'BY', ...(options.values ? ['VALUE'] : [])];
      printTable(
        header,
        listed.map((l) => [
          l.reference,
          l.type,
          l.version,
          l.lastChanged ? formatTime(Date.parse(l.lastChanged) / 1000) : '-',
          l.lastChangedBy ?? '-',
          ...(options.values ? [l.value ?? ''] : []),
        ]),
      );
    });
}

export async function list(client: AwsJsonClient, prefix: Prefix, withValues: boolean): Promise<Listed[]> {
  if (prefix.store === 'ssm') {
    const parameters = await listParameters(client, prefix.prefix);
    const values = withValues
      ? await getParameterValues(
          client,
          parameters.map((p) => p.Name),
        )
      : undefined;
    return parameters.map((p) => {
      const lastChanged = isoTime(p.LastModifiedDate);
      const value = values?.get(p.Name)?.Value;
      return {
        reference: `ssm:${p.Name}`,
        store: 'ssm',
        name: p.Name,
        type: p.Type,
        version: String(p.Version),
        ...(lastChanged ? { lastChanged } : {}),
        ...(p.LastModifiedUser ? { lastChangedBy: p.LastModifiedUser } : {}),
        ...(p.Description ? { description: p.Description } : {}),
        ...(value !== undefined ? { value } : {}),
      };
    });
  }
  const secrets = await listSecrets(client, prefix.prefix);
  const values = withValues
    ? await getSecretValues(
        client,
        secrets.map((s) => s.Name),
      )
    : undefined;
  return secrets.map((s) => {
    const current = Object.entries(s.SecretVersionsToStages ?? {}).find(([, stages]) =>
      stages.includes('AWSCURRENT'),
    );
    const lastChanged = isoTime(s.LastChangedDate ?? s.CreatedDate);
    const secret = values?.get(s.Name);
    const value = secret?.SecretString ?? secret?.SecretBinary;
    return {
      reference: `secretsmanager:${s.Name}`,
      store: 'secretsmanager',
      name: s.Name,
      type: 'secret',
      version: current ? current[0] : '-',
      ...(lastChanged ? { lastChanged } : {}),
      ...(s.Description ? { description: s.Description } : {}),
      ...(value !== undefined ? { value } : {}),
    };
  });
}
