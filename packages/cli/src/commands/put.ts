/**
 * `hush put REF`: store a value in SSM (SecureString by default) or Secrets Manager (creates the
 * secret, or adds a version). The value comes from stdin, `--from-file` or a silent prompt.
 */
import { type Command, Option } from 'commander';
import type { AwsJsonClient } from 'hush/aws';
import { type AwsOptions, addAwsOptions, createClient } from '../cli/awsOptions.js';
import { CliError, describeFailure, isNotFound, usageError } from '../cli/errors.js';
import { readSecretValue } from '../cli/secretInput.js';
import { collectTag, type Tag } from '../cli/tags.js';
import { parseTarget } from '../cli/target.js';
import { getSecretValue, putSecret } from '../stores/secretsStore.js';
import { type ParameterType, putParameter } from '../stores/ssmStore.js';

interface PutOptions extends AwsOptions {
  fromFile?: string;
  type?: ParameterType;
  description?: string;
  tag?: Tag[];
  key?: string;
  overwrite: boolean;
}

export function registerPut(program: Command): void {
  addAwsOptions(
    program
      .command('put')
      .description('Store a secret value (from stdin, --from-file, or a prompt that does not echo).')
      .argument('<ref>', 'ssm:/name or secretsmanager:name (secretsmanager:name#field sets one JSON field)')
      .option('--from-file <path>', 'read the value from this file, byte for byte (- for stdin)')
      .addOption(
        new Option('--type <type>', 'SSM parameter type').choices(['SecureString', 'String', 'StringList']),
      )
      .option('--description <text>', 'description of the parameter or secret')
      .option('--tag <key=value>', 'tag to set (repeatable)', collectTag)
      .option('--key <kms-key>', 'KMS key id, ARN or alias to encrypt with')
      .option('--no-overwrite', 'fail if the SSM parameter exists instead of writing a new version'),
  )
    .addHelpText(
      'after',
      `
The value is never taken from the command line. Stdin loses one trailing newline; --from-file keeps
the file exactly.

Examples:
  printf %s "$DB_PASSWORD" | hush put ssm:/prod/db/password
  hush put ssm:/prod/db/host --type String < host.txt
  hush put secretsmanager:prod/stripe --from-file stripe.json --tag team=payments
  echo sk_live_123 | hush put secretsmanager:prod/stripe#apiKey
  hush put ssm:/prod/api/token            # prompts without echo on a terminal`,
    )
    .action(async (text: string, options: PutOptions) => {
      const target = parseTarget(text, 'put', { field: true });
      if (options.type && target.store !== 'ssm')
        throw usageError(`${text}: --type applies to ssm: parameters only`);
      const client = createClient(options);
      const value = await readSecretValue(text, options.fromFile);
      try {
        const region = target.region ? { region: target.region } : {};
        if (target.store === 'ssm') {
          const result = await putParameter(
            client,
            {
              name: target.name,
              value,
              type: options.type ?? 'SecureString',
              overwrite: options.overwrite,
              ...(options.description !== undefined ? { description: options.description } : {}),
              ...(options.key !== undefined ? { keyId: options.key } : {}),
              ...(options.tag ? { tags: options.tag } : {}),
            },
            region,
          );
          process.stdout.write(
            `${text}: ${result.created ? 'created' : 'updated'}, version ${result.version}\n`,
          );
          return;
        }
        const secretString =
          target.field === undefined
            ? value
            : await withField(client, target.secretId, target.field, value, region);
        const result = await putSecret(
          client,
          {
            secretId: target.secretId,
            value: secretString,
            ...(options.description !== undefined ? { description: options.description } : {}),
            ...(options.key !== undefined ? { kmsKeyId: options.key } : {}),
            ...(options.tag ? { tags: options.tag } : {}),
          },
          region,
        );
        process.stdout.write(`${text}: ${result.created ? 'created' : 'new version'} ${result.versionId}\n`);
      } catch (error) {
        throw describeFailure(text, error);
      }
    });
}

/** The secret's current JSON object with `field` set (a new object when the secret does not exist). */
async function withField(
  client: AwsJsonClient,
  secretId: string,
  field: string,
  value: string,
  region: { region?: string },
): Promise<string> {
  let current: Record<string, unknown> = {};
  try {
    const existing = await getSecretValue(client, secretId, {}, region);
    const parsed: unknown = JSON.parse(existing.SecretString ?? 'null');
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError();
    current = parsed as Record<string, unknown>;
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new CliError(
        `secretsmanager:${secretId}: the secret is not a JSON object, so #${field} cannot be set`,
      );
    }
    if (!isNotFound(error)) throw error;
  }
  return JSON.stringify({ ...current, [field]: value });
}
