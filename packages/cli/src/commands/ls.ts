/** `hush ls PREFIX`: names, types, versions and last change — values only with `--values`. */

import type { Command } from 'commander';
import type { AwsJsonClient } from 'hush/aws';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { guarded, isoDate, printJson, table } from '../output.js';
import { type Prefix, parsePrefix } from '../target.js';

interface LsOptions extends AwsOptions {
  json: boolean;
  values: boolean;
}

export interface Entry {
  name: string;
  type: string;
  version: string;
  lastChange: string;
  value?: string;
}

export function registerLs(program: Command): void {
  addAwsOptions(
    program
      .command('ls')
      .description('List parameters under an SSM path or secrets whose name starts with a prefix.')
      .argument('[prefix]', 'ssm:/path, /path or secretsmanager:prefix', 'ssm:/')
      .option('--values', 'also print the values', false)
      .option('--json', 'print JSON', false),
  ).action(
    guarded(
      'ls',
      (prefix: string) => prefix,
      async (prefix: string, options: LsOptions) => {
        const entries = await listEntries(await awsClient(options), parsePrefix(prefix), options.values);
        if (options.json) return printJson(entries);
        const header = ['NAME', 'TYPE', 'VERSION', 'LAST CHANGE', ...(options.values ? ['VALUE'] : [])];
        const rows = entries.map((e) => [
          e.name,
          e.type,
          e.version,
          e.lastChange,
          ...(options.values ? [e.value ?? ''] : []),
        ]);
        process.stdout.write(table(rows, header));
      },
    ),
  );
}

interface SsmParameter {
  Name: string;
  Type: string;
  Version: number;
  LastModifiedDate?: number;
  Value?: string;
}

interface SecretListEntry {
  Name: string;
  LastChangedDate?: number;
  CreatedDate?: number;
  SecretVersionsToStages?: Record<string, string[]>;
}

export async function listEntries(
  client: AwsJsonClient,
  prefix: Prefix,
  withValues: boolean,
): Promise<Entry[]> {
  if (prefix.store === 'ssm') {
    const parameters = withValues
      ? await parametersByPath(client, prefix.path)
      : await describe(client, prefix.path);
    return parameters
      .map((p) => ({
        name: p.Name,
        type: p.Type,
        version: String(p.Version),
        lastChange: isoDate(p.LastModifiedDate),
        ...(withValues && p.Value !== undefined ? { value: p.Value } : {}),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  const secrets: SecretListEntry[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.call<{ SecretList: SecretListEntry[]; NextToken?: string }>(
      'secretsmanager',
      'ListSecrets',
      {
        MaxResults: 100,
        ...(prefix.prefix ? { Filters: [{ Key: 'name', Values: [prefix.prefix] }] } : {}),
        ...(NextToken ? { NextToken } : {}),
      },
    );
    secrets.push(...page.SecretList.filter((s) => s.Name.startsWith(prefix.prefix)));
    NextToken = page.NextToken;
  } while (NextToken);
  const entries: Entry[] = [];
  for (const s of secrets) {
    const stages = s.SecretVersionsToStages ?? {};
    const current = Object.keys(stages).find((id) => stages[id]?.includes('AWSCURRENT')) ?? '';
    const entry: Entry = {
      name: s.Name,
      type: 'secret',
      version: current,
      lastChange: isoDate(s.LastChangedDate ?? s.CreatedDate),
    };
    if (withValues) {
      const value = await client.call<{ SecretString?: string; SecretBinary?: string }>(
        'secretsmanager',
        'GetSecretValue',
        { SecretId: s.Name },
      );
      entry.value = value.SecretString ?? value.SecretBinary ?? '';
    }
    entries.push(entry);
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

/** DescribeParameters returns metadata only, so a listing without --values never fetches a value. */
async function describe(client: AwsJsonClient, path: string): Promise<SsmParameter[]> {
  const found: SsmParameter[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.call<{ Parameters: SsmParameter[]; NextToken?: string }>(
      'ssm',
      'DescribeParameters',
      {
        MaxResults: 50,
        ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: [path] }],
        ...(NextToken ? { NextToken } : {}),
      },
    );
    found.push(...page.Parameters);
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

export async function parametersByPath(client: AwsJsonClient, path: string): Promise<SsmParameter[]> {
  const found: SsmParameter[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.call<{ Parameters: SsmParameter[]; NextToken?: string }>(
      'ssm',
      'GetParametersByPath',
      {
        Path: path,
        Recursive: true,
        WithDecryption: true,
        MaxResults: 10,
        ...(NextToken ? { NextToken } : {}),
      },
    );
    found.push(...page.Parameters);
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}
