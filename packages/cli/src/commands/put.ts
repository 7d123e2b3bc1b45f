/** `hush put REF`: stores a value read from stdin, a file or a silent prompt — never from argv. */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { AwsJsonClient } from 'hush/aws';
import { AwsServiceError } from 'hush/aws';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { CliError, guarded } from '../output.js';
import { parseTarget, type Target } from '../target.js';
import { collectTag, readSecretValue } from '../values.js';

interface PutOptions extends AwsOptions {
  fromFile?: string;
  type: string;
  overwrite: boolean;
  description?: string;
  tag?: Record<string, string>;
  key?: string;
}

export function registerPut(program: Command): void {
  addAwsOptions(
    program
      .command('put')
      .description('Store a value (from stdin, --from-file, or a prompt without echo) at REF.')
      .argument('<ref>', 'ssm:/name or secretsmanager:id')
      .option('--from-file <file>', 'read the value from this file ("-" for stdin)')
      .option('--type <type>', 'SSM type: SecureString, String or StringList', 'SecureString')
      .option('--no-overwrite', 'fail when the parameter or secret already exists')
      .option('--description <text>', 'description')
      .option('--tag <key=value>', 'tag (repeatable; applied to new and existing entries)', collectTag)
      .option('--key <kms-key>', 'KMS key id, ARN or alias (default: the AWS managed key)'),
  ).action(
    guarded(
      'put',
      (ref: string) => ref,
      async (ref: string, options: PutOptions) => {
        const target = parseTarget(ref);
        if (!['SecureString', 'String', 'StringList'].includes(options.type)) {
          throw new CliError(
            ref,
            `--type must be SecureString, String or StringList, not "${options.type}"`,
            2,
          );
        }
        const value = await readSecretValue(ref, options.fromFile);
        if (value === '') throw new CliError(ref, 'the value is empty');
        const client = await awsClient(options);
        const version =
          target.store === 'ssm'
            ? await putParameter(client, target, value, options)
            : await putSecret(client, target, value, options);
        process.stderr.write(`hush: put ${ref} (version ${version})\n`);
      },
    ),
  );
}

async function putParameter(
  client: AwsJsonClient,
  target: Extract<Target, { store: 'ssm' }>,
  value: string,
  options: PutOptions,
): Promise<string> {
  const region = target.region ? { region: target.region } : {};
  const tags = Object.entries(options.tag ?? {}).map(([Key, Value]) => ({ Key, Value }));
  const input = {
    Name: target.name,
    Value: value,
    Type: options.type,
    Overwrite: options.overwrite,
    ...(options.description !== undefined ? { Description: options.description } : {}),
    ...(options.key !== undefined && options.type === 'SecureString' ? { KeyId: options.key } : {}),
  };
  // PutParameter refuses Tags together with Overwrite, so existing parameters are tagged after.
  const result = await client.call<{ Version: number }>(
    'ssm',
    'PutParameter',
    options.overwrite ? input : { ...input, ...(tags.length ? { Tags: tags } : {}) },
    region,
  );
  if (options.overwrite && tags.length > 0) {
    await client.call(
      'ssm',
      'AddTagsToResource',
      { ResourceType: 'Parameter', ResourceId: target.name, Tags: tags },
      region,
    );
  }
  return String(result.Version);
}

async function putSecret(
  client: AwsJsonClient,
  target: Extract<Target, { store: 'secretsmanager' }>,
  value: string,
  options: PutOptions,
): Promise<string> {
  const region = target.region ? { region: target.region } : {};
  const tags = Object.entries(options.tag ?? {}).map(([Key, Value]) => ({ Key, Value }));
  try {
    const created = await client.call<{ VersionId: string }>(
      'secretsmanager',
      'CreateSecret',
      {
        Name: target.secretId,
        SecretString: value,
        ClientRequestToken: randomUUID(),
        ...(options.description !== undefined ? { Description: options.description } : {}),
        ...(options.key !== undefined ? { KmsKeyId: options.key } : {}),
        ...(tags.length ? { Tags: tags } : {}),
      },
      region,
    );
    return created.VersionId;
  } catch (error) {
    if (!(error instanceof AwsServiceError && error.code === 'ResourceExistsException')) throw error;
    if (!options.overwrite) throw new CliError(target.text, 'the secret already exists (--no-overwrite)');
  }
  if (options.description !== undefined || options.key !== undefined) {
    await client.call(
      'secretsmanager',
      'UpdateSecret',
      {
        SecretId: target.secretId,
        ...(options.description !== undefined ? { Description: options.description } : {}),
        ...(options.key !== undefined ? { KmsKeyId: options.key } : {}),
      },
      region,
    );
  }
  const put = await client.call<{ VersionId: string }>(
    'secretsmanager',
    'PutSecretValue',
    { SecretId: target.secretId, SecretString: value, ClientRequestToken: randomUUID() },
    region,
  );
  if (tags.length) {
    await client.call('secretsmanager', 'TagResource', { SecretId: target.secretId, Tags: tags }, region);
  }
  return put.VersionId;
}
