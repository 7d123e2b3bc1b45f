/**
 * `hush resolve FILE|-`: prints the file with every reference replaced by its value, or with
 * `--check` lists which references resolve and which are missing (exit 1 if any is missing).
 * Nothing is printed unless every reference resolves, so a half-resolved file never ships.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type AwsOptions, addAwsOptions, awsClient } from '../client.js';
import { escapeFor, findFileReferences, formatOf } from '../fileReferences.js';
import { CliError, guarded, paint, printJson } from '../output.js';
import { resolveReferences } from '../resolveValues.js';
import { readStdin } from '../values.js';

interface ResolveOptions extends AwsOptions {
  check: boolean;
  json: boolean;
  function?: string;
}

export function registerResolve(program: Command): void {
  addAwsOptions(
    program
      .command('resolve')
      .description(
        'Replace every reference in a text, YAML, JSON or dotenv file with its value and print it.',
      )
      .argument('<file>', 'the file, or - for stdin')
      .option('--check', 'only list the references that resolve and the ones missing', false)
      .option('--json', 'with --check: print the report as JSON', false)
      .option(
        '--function <name>',
        'Lambda function name for kms: references (default: AWS_LAMBDA_FUNCTION_NAME)',
      ),
  ).action(
    guarded(
      'resolve',
      (file: string) => file,
      async (file: string, options: ResolveOptions) => {
        let text: string;
        try {
          text = file === '-' ? await readStdin() : readFileSync(file, 'utf8');
        } catch (error) {
          throw new CliError(file, (error as NodeJS.ErrnoException).code ?? 'cannot read the file');
        }
        const sites = findFileReferences(text);
        const references = sites.flatMap((s) => (s.reference ? [s.reference] : []));
        const functionName = options.function ?? process.env.AWS_LAMBDA_FUNCTION_NAME;
        const resolved =
          references.length === 0
            ? new Map()
            : await resolveReferences(
                await awsClient(options),
                references,
                functionName ? { functionName } : {},
              );
        const report = sites.map((site) => {
          const result = site.reference ? resolved.get(site.reference.text) : undefined;
          return result?.ok
            ? { reference: site.raw, ok: true as const }
            : {
                reference: site.raw,
                ok: false as const,
                reason: site.error ?? result?.reason ?? 'not resolved',
              };
        });
        const missing = report.filter((r) => !r.ok);
        if (options.check) {
          if (options.json) printJson(report);
          else {
            for (const r of report) {
              process.stdout.write(
                r.ok
                  ? `${paint('green', 'ok', process.stdout)}       ${r.reference}\n`
                  : `${paint('red', 'missing', process.stdout)}  ${r.reference}: ${r.reason}\n`,
              );
            }
          }
          if (missing.length > 0) process.exitCode = 1;
          return;
        }
        if (missing.length > 0) {
          for (const r of missing.slice(1))
            process.stderr.write(`hush: resolve: ${r.reference}: ${r.reason}\n`);
          throw new CliError(missing[0]?.reference ?? file, missing[0]?.reason ?? 'not resolved');
        }
        const format = formatOf(file, text);
        let out = '';
        let at = 0;
        for (const site of sites) {
          const result = site.reference ? resolved.get(site.reference.text) : undefined;
          if (!result?.ok) continue;
          out += text.slice(at, site.start) + escapeFor(format, site, result.value);
          at = site.end;
        }
        process.stdout.write(out + text.slice(at));
      },
    ),
  );
}
