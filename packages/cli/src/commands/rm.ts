/** `hush rm REF`: deletes a parameter, or schedules a secret's deletion (immediate with --force). */
import { type Command, InvalidArgumentError } from 'commander';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { guarded, isoDate } from '../output.js';
import { parseTarget } from '../target.js';

interface RmOptions extends AwsOptions {
  force: boolean;
  recoveryDays?: number;
}

function parseRecoveryDays(text: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 7 || days > 30)
    throw new InvalidArgumentError('must be 7 to 30 days');
  return days;
}

export function registerRm(program: Command): void {
  addAwsOptions(
    program
      .command('rm')
      .description('Delete a parameter, or a secret after its recovery window (unless --force).')
      .argument('<ref>', 'ssm:/name or secretsmanager:id')
      .option('--force', 'delete a secret at once, without a recovery window', false)
      .option('--recovery-days <days>', 'recovery window for a secret, 7-30 (default 30)', parseRecoveryDays),
  ).action(
    guarded(
      'rm',
      (ref: string) => ref,
      async (ref: string, options: RmOptions) => {
        const target = parseTarget(ref);
        const client = await awsClient(options);
        const region = target.region ? { region: target.region } : {};
        if (target.store === 'ssm') {
          await client.call('ssm', 'DeleteParameter', { Name: target.name }, region);
          process.stderr.write(`hush: rm: deleted ${ref}\n`);
          return;
        }
        if (options.force) {
          // AWS answers a forced delete of a secret that never existed with 200, so a typo would
          // "succeed": ask first, and let ResourceNotFoundException fail the command.
          await client.call('secretsmanager', 'DescribeSecret', { SecretId: target.secretId }, region);
        }
        const result = await client.call<{ DeletionDate?: number }>(
          'secretsmanager',
          'DeleteSecret',
          {
            SecretId: target.secretId,
            ...(options.force
              ? { ForceDeleteWithoutRecovery: true }
              : options.recoveryDays
                ? { RecoveryWindowInDays: options.recoveryDays }
                : {}),
          },
          region,
        );
        process.stderr.write(
          options.force
            ? `hush: rm: deleted ${ref}\n`
            : `hush: rm: ${ref} will be deleted on ${isoDate(result.DeletionDate)} (restore it before then with aws secretsmanager restore-secret)\n`,
        );
      },
    ),
  );
}
