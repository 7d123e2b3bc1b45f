/** `hush history REF`: versions with dates, labels or stages, and who changed them. */
import type { Command } from 'commander';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { guarded, isoDate, printJson, table } from '../output.js';
import { parseTarget } from '../target.js';

interface HistoryOptions extends AwsOptions {
  json: boolean;
}

interface Version {
  version: string;
  date: string;
  labels: string[];
  changedBy: string;
}

export function registerHistory(program: Command): void {
  addAwsOptions(
    program
      .command('history')
      .description('List the versions of a parameter or secret (never their values).')
      .argument('<ref>', 'ssm:/name or secretsmanager:id')
      .option('--json', 'print JSON', false),
  ).action(
    guarded(
      'history',
      (ref: string) => ref,
      async (ref: string, options: HistoryOptions) => {
        const target = parseTarget(ref);
        const client = await awsClient(options);
        const region = target.region ? { region: target.region } : {};
        const versions: Version[] = [];
        let NextToken: string | undefined;
        if (target.store === 'ssm') {
          do {
            const page = await client.call<{
              Parameters: {
                Version: number;
                LastModifiedDate?: number;
                LastModifiedUser?: string;
                Labels?: string[];
              }[];
              NextToken?: string;
            }>(
              'ssm',
              'GetParameterHistory',
              { Name: target.name, WithDecryption: false, ...(NextToken ? { NextToken } : {}) },
              region,
            );
            for (const p of page.Parameters) {
              versions.push({
                version: String(p.Version),
                date: isoDate(p.LastModifiedDate),
                labels: p.Labels ?? [],
                changedBy: p.LastModifiedUser ?? '',
              });
            }
            NextToken = page.NextToken;
          } while (NextToken);
        } else {
          do {
            const page = await client.call<{
              Versions: { VersionId: string; VersionStages?: string[]; CreatedDate?: number }[];
              NextToken?: string;
            }>(
              'secretsmanager',
              'ListSecretVersionIds',
              { SecretId: target.secretId, IncludeDeprecated: true, ...(NextToken ? { NextToken } : {}) },
              region,
            );
            for (const v of page.Versions) {
              versions.push({
                version: v.VersionId,
                date: isoDate(v.CreatedDate),
                labels: v.VersionStages ?? [],
                changedBy: '',
              });
            }
            NextToken = page.NextToken;
          } while (NextToken);
          versions.sort((a, b) => a.date.localeCompare(b.date));
        }
        if (options.json) return printJson(versions);
        process.stdout.write(
          table(
            versions.map((v) => [v.version, v.date, v.labels.join(','), v.changedBy]),
            ['VERSION', 'DATE', target.store === 'ssm' ? 'LABELS' : 'STAGES', 'CHANGED BY'],
          ),
        );
      },
    ),
  );
}
