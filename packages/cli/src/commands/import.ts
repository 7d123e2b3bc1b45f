/**
 * `hush import PREFIX FILE`: writes every key of a dotenv or JSON file under PREFIX, reporting what
 * was created, updated or already the same. Names are checked before anything is written, so a bad
 * file changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type AwsJsonClient, AwsServiceError } from 'hush/aws';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { parseDotenv } from '../dotenv.js';
import { CliError, guarded } from '../output.js';
import { type Prefix, parsePrefix } from '../target.js';
import { readStdin } from '../values.js';

interface ImportOptions extends AwsOptions {
  dryRun: boolean;
  type: string;
}

type Outcome = 'created' | 'updated' | 'unchanged';

const SSM_NAME = /^[a-zA-Z0-9_.\-/]+$/;
const SECRET_NAME = /^[a-zA-Z0-9/_+=.@-]+$/;

export function registerImport(program: Command): void {
  addAwsOptions(
    program
      .command('import')
      .description(
        'Write every key of a dotenv or JSON file under PREFIX (summary: created/updated/unchanged).',
      )
      .argument('<prefix>', 'ssm:/path, /path or secretsmanager:prefix')
      .argument('<file>', 'dotenv or JSON file, or - for stdin')
      .option('--type <type>', 'SSM type for new parameters', 'SecureString')
      .option('--dry-run', 'report what would change without writing', false),
  ).action(
    guarded(
      'import',
      (_prefix: string, file: string) => file,
      async (prefixText: string, file: string, options: ImportOptions) => {
        const prefix = parsePrefix(prefixText);
        const values = readValues(file, file === '-' ? await readStdin() : readText(file));
        const names = Object.keys(values).map((key) => [key, nameFor(prefix, key)] as const);
        for (const [key, name] of names) {
          if (!(prefix.store === 'ssm' ? SSM_NAME : SECRET_NAME).test(name) || key === '') {
            throw new CliError(file, `key "${key}" does not make a valid name (${name})`);
          }
        }
        const client = await awsClient(options);
        const counts: Record<Outcome, number> = { created: 0, updated: 0, unchanged: 0 };
        const progress = process.stderr.isTTY && names.length > 1;
        let done = 0;
        for (const [key, name] of names) {
          const outcome = await importOne(client, prefix, name, values[key] ?? '', options);
          counts[outcome]++;
          done++;
          if (progress) process.stderr.write(`\r${bar(done, names.length)} ${done}/${names.length}`);
        }
        if (progress) process.stderr.write('\n');
        process.stderr.write(
          `hush: import: ${options.dryRun ? 'would have ' : ''}created ${counts.created}, updated ${counts.updated}, unchanged ${counts.unchanged}\n`,
        );
      },
    ),
  );
}

const bar = (done: number, total: number): string => {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
};

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(file, (error as NodeJS.ErrnoException).code ?? 'cannot read the file');
  }
}

function readValues(file: string, text: string): Record<string, string> {
  if (!file.endsWith('.json') && !/^\s*\{/.test(text)) return parseDotenv(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(file, 'not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CliError(file, 'a JSON import file is one object of key → value');
  }
  return Object.fromEntries(
    Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}

function nameFor(prefix: Prefix, key: string): string {
  if (prefix.store === 'secretsmanager') return prefix.prefix + key;
  return `${prefix.path === '/' ? '' : prefix.path}/${key.replace(/^\/+/, '')}`;
}

async function importOne(
  client: AwsJsonClient,
  prefix: Prefix,
  name: string,
  value: string,
  options: ImportOptions,
): Promise<Outcome> {
  if (prefix.store === 'ssm') {
    let existing: { Type: string; Value: string } | undefined;
    try {
      existing = (
        await client.call<{ Parameter: { Type: string; Value: string } }>('ssm', 'GetParameter', {
          Name: name,
          WithDecryption: true,
        })
      ).Parameter;
    } catch (error) {
      if (!(error instanceof AwsServiceError && error.code === 'ParameterNotFound')) throw error;
    }
    if (existing?.Value === value) return 'unchanged';
    if (!options.dryRun) {
      await client.call('ssm', 'PutParameter', {
        Name: name,
        Value: value,
        Type: existing?.Type ?? options.type,
        Overwrite: true,
      });
    }
    return existing ? 'updated' : 'created';
  }
  let current: string | undefined;
  let exists = false;
  try {
    current = (
      await client.call<{ SecretString?: string }>('secretsmanager', 'GetSecretValue', { SecretId: name })
    ).SecretString;
    exists = true;
  } catch (error) {
    if (!(error instanceof AwsServiceError && error.code === 'ResourceNotFoundException')) throw error;
  }
  if (exists && current === value) return 'unchanged';
  if (!options.dryRun) {
    await client.call(
      'secretsmanager',
      exists ? 'PutSecretValue' : 'CreateSecret',
      exists
        ? { SecretId: name, SecretString: value, ClientRequestToken: randomUUID() }
        : { Name: name, SecretString: value, ClientRequestToken: randomUUID() },
    );
  }
  return exists ? 'updated' : 'created';
}
