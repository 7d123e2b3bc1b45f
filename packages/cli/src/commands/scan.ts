/**
 * `hush scan [PATH…]`: finds secrets a deployment leaks (see docs/scan.md). Exit 0 clean, 1 when a
 * finding is at or above --fail-on, 2 for usage errors and files that do not parse.
 */
import { type Command, Option } from 'commander';
import { LEVEL_RANK, type Level } from '../scan/finding.js';
import { ScanParseError } from '../scan/parseError.js';
import type { ScanResult } from '../scan/scanFiles.js';

interface ScanOptions {
  format: 'text' | 'json' | 'sarif';
  failOn: Level | 'none';
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('Find secrets leaked through serverless.yml, SAM/CloudFormation templates and .env files')
    .argument('[paths...]', 'files or directories to scan (default: .)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'),
    )
    .addOption(
      new Option('--fail-on <level>', 'lowest finding level that makes the exit code 1')
        .choices(['error', 'warning', 'note', 'none'])
        .default('error'),
    )
    .action(async (paths: string[], options: ScanOptions) => {
      // The scanner and its YAML parser load only when a scan runs, not with every command.
      const [{ scanPaths }, { formatSarif }, { formatText, useColour }] = await Promise.all([
        import('../scan/scanFiles.js'),
        import('../scan/format/sarif.js'),
        import('../scan/format/text.js'),
      ]);
      const result = scanOrExplain(() => scanPaths(paths.length > 0 ? paths : ['.']));
      if (!result) return;
      const { findings, files } = result;
      if (options.format === 'json')
        process.stdout.write(`${JSON.stringify({ files, findings }, null, 2)}\n`);
      else if (options.format === 'sarif') process.stdout.write(formatSarif(findings));
      else process.stdout.write(formatText(findings, files.length, useColour()));
      const threshold = LEVEL_RANK[options.failOn];
      if (findings.some((f) => LEVEL_RANK[f.level] >= threshold)) process.exitCode = 1;
    });
}

/** Unparseable files and missing paths are one line on stderr and exit 2, never a stack trace. */
function scanOrExplain(scan: () => ScanResult): ScanResult | undefined {
  try {
    return scan();
  } catch (error) {
    const missing = error instanceof Error && 'code' in error && error.code === 'ENOENT';
    if (!(error instanceof ScanParseError) && !missing) throw error;
    process.stderr.write(`hush scan: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return undefined;
  }
}
