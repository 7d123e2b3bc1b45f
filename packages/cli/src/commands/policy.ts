/**
 * `hush policy [PATH…] [--ref REF…]`: the least-privilege IAM statements for the references the
 * functions use (found in their environment in the files, or given), as an IAM policy document, a
 * Serverless `provider.iam.role.statements` snippet or a SAM `Policies` snippet.
 */
import { type Command, Option } from 'commander';
import { parseReference, type Reference } from 'hush/reference';
import { CliError, EXIT_USAGE, guarded } from '../output.js';
import type { PolicyFormat } from '../policy/render.js';
import { policyStatements } from '../policy/statements.js';

interface PolicyOptions {
  ref?: string[];
  function?: string[];
  region?: string;
  account?: string;
  kmsKey?: string[];
  denyDecryptExcept?: string[];
  stage?: string;
  format: PolicyFormat;
}

export function registerPolicy(program: Command): void {
  program
    .command('policy')
    .description('Write the least-privilege IAM statements for the references functions use.')
    .argument(
      '[paths...]',
      'serverless.yml, SAM/CloudFormation templates or directories (default: . unless --ref)',
    )
    .option(
      '--ref <refs...>',
      'a reference to grant (repeatable): ssm:/p, secretsmanager:id, kms:…, ${ssm:…}, {{resolve:…}}',
    )
    .option(
      '--function <names...>',
      'only these functions (key, logical id or name); with --ref only, the function name for kms: references',
    )
    .option('--region <region>', 'region for ARNs and kms:ViaService (default: a placeholder)')
    .option('--account <id>', 'account id for ARNs (default: a placeholder)')
    .option('--kms-key <arns...>', 'the KMS keys that encrypt the parameters, secrets and env values')
    .option(
      '--deny-decrypt-except <roles...>',
      'add a Deny kms:Decrypt for every principal but these roles (names or ARNs)',
    )
    .option('--stage <stage>', 'Serverless stage for default function names (default: provider.stage or dev)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'serverless', 'sam']).default('json'),
    )
    .action(
      guarded(
        'policy',
        () => '',
        async (paths: string[], options: PolicyOptions) => {
          // The template reader and the YAML writer load only when `policy` runs (both use the
          // YAML library), not with every command.
          const [{ loadFunctions }, { PLACEHOLDERS, renderPolicy }] = await Promise.all([
            import('../policy/loadFunctions.js'),
            import('../policy/render.js'),
          ]);
          const given = (options.ref ?? []).map((text) => parseReference(text));
          const found =
            paths.length > 0 || given.length === 0
              ? loadFunctions(paths.length > 0 ? paths : ['.'], options.stage)
              : [];
          const wanted = options.function ?? [];
          const selected =
            wanted.length > 0 && found.length > 0
              ? found.filter(
                  (f) => wanted.includes(f.id) || (f.name !== undefined && wanted.includes(f.name)),
                )
              : found;
          const unknown =
            found.length > 0 ? wanted.filter((w) => !found.some((f) => f.id === w || f.name === w)) : [];
          if (unknown.length > 0) {
            throw new CliError(
              unknown.join(', '),
              `no such function (found: ${found.map((f) => f.id).join(', ') || 'none'})`,
              EXIT_USAGE,
            );
          }
          for (const fn of selected) {
            for (const bad of fn.invalid)
              process.stderr.write(`hush: policy: ${fn.file}: ${fn.id}.${bad.variable}: ${bad.reason}\n`);
            for (const used of fn.references.filter((r) => r.deployTime)) {
              process.stderr.write(
                `note: ${fn.id}.${used.variable} uses ${used.reference.text}, resolved at deploy time; granted as the runtime read that replaces it\n`,
              );
            }
          }
          if (options.format === 'sam' && selected.length > 1) {
            process.stderr.write(
              `note: ${selected.length} functions (${selected.map((f) => f.id).join(', ')}) in one snippet; SAM Policies belong to one function: use --function\n`,
            );
          }
          const references: Reference[] = [
            ...selected.flatMap((f) => f.references.map((r) => r.reference)),
            ...given,
          ];
          if (references.length === 0) {
            throw new CliError(
              paths.join(' ') || '.',
              'no references found (give --ref, or point at the files whose functions use them)',
            );
          }
          const ciphertextUsers = selected.filter((f) =>
            f.references.some((r) => r.reference.kind === 'kms'),
          );
          const functionNames = [
            ...ciphertextUsers.map((f) => f.name ?? `\${AWS::StackName}-${f.id}-*`),
            ...(given.some((r) => r.kind === 'kms') ? wanted : []),
          ];
          if (references.some((r) => r.kind === 'kms') && functionNames.length === 0) {
            throw new CliError(
              '',
              'a kms: reference is decrypted with the function name as encryption context: give --function NAME',
              EXIT_USAGE,
            );
          }
          const placeholders = PLACEHOLDERS[options.format];
          if (!options.region || !options.account) {
            process.stderr.write(
              `note: no ${[!options.region && '--region', !options.account && '--account'].filter(Boolean).join(' or ')}: ARNs hold ${placeholders.region} / ${placeholders.account}\n`,
            );
          }
          const statements = policyStatements({
            references,
            functionNames,
            kmsKeys: options.kmsKey ?? [],
            environmentKeys: ciphertextUsers.every((f) => f.kmsKeyArn)
              ? ciphertextUsers.map((f) => f.kmsKeyArn!)
              : [],
            denyDecryptExcept: options.denyDecryptExcept ?? [],
            where: {
              region: options.region ?? placeholders.region,
              account: options.account ?? placeholders.account,
            },
          });
          process.stdout.write(renderPolicy(statements, options.format));
        },
      ),
    );
}
