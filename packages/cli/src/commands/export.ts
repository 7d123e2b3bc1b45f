/** `hush export PREFIX --format dotenv|json|yaml`: every value under a prefix, keyed by its relative name. */
import { type Command, Option } from 'commander';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { dotenvLine } from '../dotenv.js';
import { guarded } from '../output.js';
import { parsePrefix } from '../target.js';
import { listEntries } from './ls.js';

interface ExportOptions extends AwsOptions {
  format: 'dotenv' | 'json' | 'yaml';
}

/** The key under the prefix: `/app/db/password` under `/app` → `db/password`. */
export function relativeKey(name: string, base: string): string {
  return name.slice(base.length).replace(/^\/+/, '');
}

const envKey = (key: string): string => key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');

export function registerExport(program: Command): void {
  addAwsOptions(
    program
      .command('export')
      .description('Print every value under PREFIX as dotenv, JSON or YAML.')
      .argument('<prefix>', 'ssm:/path, /path or secretsmanager:prefix')
      .addOption(
        new Option('--format <format>', 'output format')
          .choices(['dotenv', 'json', 'yaml'])
          .default('dotenv'),
      ),
  ).action(
    guarded(
      'export',
      (prefix: string) => prefix,
      async (prefix: string, options: ExportOptions) => {
        const parsed = parsePrefix(prefix);
        const entries = await listEntries(await awsClient(options), parsed, true);
        const base = parsed.store === 'ssm' ? parsed.path : parsed.prefix;
        const values: Record<string, string> = {};
        for (const e of entries) values[relativeKey(e.name, base)] = e.value ?? '';
        if (options.format === 'json') process.stdout.write(`${JSON.stringify(values, null, 2)}\n`);
        // Loaded here, not at start-up: only this format needs the YAML library.
        else if (options.format === 'yaml') process.stdout.write((await import('yaml')).stringify(values));
        else {
          const lines = Object.entries(values).map(([k, v]) => dotenvLine(envKey(k), v));
          process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
        }
      },
    ),
  );
}
