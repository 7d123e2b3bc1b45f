/** `hush label REF VERSION LABEL`: an SSM version label, or a Secrets Manager staging label moved to VERSION. */
import type { Command } from 'commander';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { CliError, guarded } from '../output.js';
import { parseTarget } from '../target.js';

export function registerLabel(program: Command): void {
  addAwsOptions(
    program
      .command('label')
      .description(
        'Attach LABEL to VERSION (SSM label; Secrets Manager staging label, moved from its old version).',
      )
      .argument('<ref>', 'ssm:/name or secretsmanager:id')
      .argument('<version>', 'SSM version number or secret version id')
      .argument('<label>', 'the label or stage'),
  ).action(
    guarded(
      'label',
      (ref: string) => ref,
      async (ref: string, version: string, label: string, options: AwsOptions) => {
        const target = parseTarget(ref);
        const client = await awsClient(options);
        const region = target.region ? { region: target.region } : {};
        if (target.store === 'ssm') {
          if (!/^\d+$/.test(version))
            throw new CliError(ref, `the version must be a number, not "${version}"`, 2);
          const result = await client.call<{ InvalidLabels?: string[] }>(
            'ssm',
            'LabelParameterVersion',
            { Name: target.name, ParameterVersion: Number(version), Labels: [label] },
            region,
          );
          if (result.InvalidLabels?.length) throw new CliError(ref, `invalid label "${label}"`);
        } else {
          const described = await client.call<{ VersionIdsToStages?: Record<string, string[]> }>(
            'secretsmanager',
            'DescribeSecret',
            { SecretId: target.secretId },
            region,
          );
          const holder = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) =>
            stages.includes(label),
          )?.[0];
          await client.call(
            'secretsmanager',
            'UpdateSecretVersionStage',
            {
              SecretId: target.secretId,
              VersionStage: label,
              MoveToVersionId: version,
              ...(holder && holder !== version ? { RemoveFromVersionId: holder } : {}),
            },
            region,
          );
        }
        process.stderr.write(`hush: label: ${ref}: ${label} → ${version}\n`);
      },
    ),
  );
}
