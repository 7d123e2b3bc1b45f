/** `hush get REF`: print one value (`#field` picks a JSON field), or `--json` the whole record. */
import type { Command } from 'commander';
import type { AwsJsonClient } from 'hush/aws';
import type { Reference } from 'hush/reference';
import { type AwsOptions, addAwsOptions, createClient } from '../cli/awsOptions.js';
import { describeFailure, usageError } from '../cli/errors.js';
import { printJson } from '../cli/output.js';
import { referenceArgument } from '../cli/reference.js';
import { fetchReference, ssmSelector, valueAsText } from '../resolver/fetchReference.js';
import { getSecretValue } from '../stores/secretsStore.js';
import { getParameter } from '../stores/ssmStore.js';

interface GetOptions extends AwsOptions {
  json: boolean;
  newline: boolean;
  function?: string;
}

export function registerGet(program: Command): void {
  addAwsOptions(
    program
      .command('get')
      .description('Print the value a reference names.')
      .argument(
        '<ref>',
        'a reference: ssm:/name[:version|:label], secretsmanager:name[#field], kms:…, ${ssm:…}, {{resolve:…}}',
      )
      .option('--json', 'print the whole record (name, type, version, dates, value) as JSON', false)
      .option('-n, --no-newline', 'do not print a newline after the value')
      .option('--function <name>', 'for kms: references, the Lambda function name in the encryption context'),
  )
    .addHelpText(
      'after',
      `
Examples:
  hush get ssm:/prod/db/password
  hush get ssm:/prod/db/password:3 --json
  hush get secretsmanager:prod/stripe#apiKey
  hush get 'secretsmanager:prod/stripe?stage=AWSPREVIOUS'
  export DB_PASSWORD="$(hush get ssm:/prod/db/password)"`,
    )
    .action(async (text: string, options: GetOptions) => {
      const ref = referenceArgument(text);
      if (ref.kind === 'ssm-path')
        throw usageError(`${text}: is a path; use hush ls --values or hush export`);
      const client = createClient(options);
      const context = { client, ...(options.function ? { functionName: options.function } : {}) };
      try {
        if (options.json) {
          printJson(await fullRecord(client, ref, context));
          return;
        }
        const value = valueAsText(await fetchReference(ref, context));
        process.stdout.write(options.newline ? `${value}\n` : value);
      } catch (error) {
        throw describeFailure(text, error);
      }
    });
}

async function fullRecord(
  client: AwsJsonClient,
  ref: Reference,
  context: Parameters<typeof fetchReference>[1],
): Promise<unknown> {
  const region = ref.region ? { region: ref.region } : {};
  if (ref.kind === 'ssm') {
    const parameter = await getParameter(client, ssmSelector(ref), ref.decrypt, region);
    return { Reference: ref.text, ...parameter };
  }
  if (ref.kind === 'secretsmanager') {
    const secret = await getSecretValue(
      client,
      ref.secretId,
      {
        ...(ref.versionStage ? { versionStage: ref.versionStage } : {}),
        ...(ref.versionId ? { versionId: ref.versionId } : {}),
      },
      region,
    );
    const field =
      ref.field === undefined ? {} : { Field: ref.field, Value: await fetchReference(ref, context) };
    return { Reference: ref.text, ...secret, ...field };
  }
  return { Reference: ref.text, Value: valueAsText(await fetchReference(ref, context)) };
}
