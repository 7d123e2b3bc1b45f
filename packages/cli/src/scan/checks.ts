/** The rules, run over one file's model. */
import { deployTimeSecrets } from './deployTimeSecrets.js';
import type { Finding, Level, Position } from './finding.js';
import type { EnvVar, ProjectModel, StatementModel } from './model.js';
import { ruleById } from './rules.js';
import { detectSecret, redact } from './secretDetectors.js';

interface SecretInEnv {
  variable: EnvVar;
  /** What identifies the secret across functions: the value or the reference text. */
  identity: string;
}

export function runChecks(model: ProjectModel): Finding[] {
  const findings: Finding[] = [];
  const report = (ruleId: string, pos: Position, message: string, fix: string, level?: Level) =>
    findings.push({ ruleId, level: level ?? ruleById(ruleId).level, message, fix, file: model.file, ...pos });

  const reported = new Set<EnvVar>();
  const secretsOf = (env: EnvVar[]): SecretInEnv[] => {
    const secrets: SecretInEnv[] = [];
    for (const variable of env) {
      if (variable.value === undefined) continue;
      const literal = variable.literal ? detectSecret(variable.name, variable.value) : undefined;
      if (literal) {
        secrets.push({ variable, identity: `literal:${variable.value}` });
        if (!reported.has(variable)) {
          report(
            'HUSH001',
            variable.pos,
            `${variable.name}${through(variable)} holds ${literal.kind} (${redact(variable.value)}) in plaintext`,
            `store the value with \`hush put ssm:/<service>/${paramName(variable.name)}\` (SecureString) and set ${variable.name}: ssm:/<service>/${paramName(variable.name)}`,
          );
        }
      }
      // A .env file is read by `hush run` and the like, which resolve references at run time.
      const deployed = model.kind === 'dotenv' ? [] : deployTimeSecrets(variable.value);
      for (const secret of deployed) {
        secrets.push({ variable, identity: `ref:${secret.raw}` });
        if (!reported.has(variable)) {
          report(
            'HUSH002',
            variable.pos,
            `${variable.name}${through(variable)}: ${secret.raw} is resolved at deploy time, so its plaintext value is stored in the function configuration and the template`,
            `${variable.name}: ${secret.replacement}`,
            secret.certain ? 'error' : 'warning',
          );
        }
      }
      reported.add(variable);
    }
    return secrets;
  };

  for (const variable of model.looseEnv) secretsOf([variable]);

  const holders = new Map<string, { functions: string[]; variables: Set<EnvVar> }>();
  for (const fn of model.functions) {
    const secrets = secretsOf(fn.env);
    for (const secret of secrets) {
      const entry = holders.get(secret.identity) ?? { functions: [], variables: new Set<EnvVar>() };
      if (!entry.functions.includes(fn.name)) entry.functions.push(fn.name);
      entry.variables.add(secret.variable);
      holders.set(secret.identity, entry);
    }
    const first = secrets[0];
    if (first && !fn.hasKmsKey) {
      report(
        'HUSH004',
        fn.pos,
        `function ${fn.name} keeps secrets in its environment (${first.variable.name}) without a customer KMS key`,
        `move ${first.variable.name} to a runtime reference; if it must stay, set kmsKeyArn/KmsKeyArn to a customer managed key`,
      );
    }
  }
  for (const entry of holders.values()) {
    if (entry.functions.length < 2) continue;
    for (const variable of entry.variables) {
      report(
        'HUSH003',
        variable.pos,
        `the secret in ${variable.name} is in the environment of ${entry.functions.length} functions (${entry.functions.join(', ')})`,
        'give each function that needs it a runtime reference and its own grant; remove it from the others',
      );
    }
  }

  for (const statement of model.statements) {
    const covered = sensitiveActions(statement);
    if (covered.length === 0) continue;
    for (const pos of statement.anyResource) {
      report(
        'HUSH005',
        pos,
        `${covered.join(', ')} allowed on Resource "*"`,
        'list the exact parameter, secret and key ARNs (`hush policy` generates them)',
      );
    }
  }

  for (const secret of model.secrets) {
    if (secret.rotated) continue;
    report(
      'HUSH006',
      secret.pos,
      `secret ${secret.id} has no rotation schedule`,
      `add an AWS::SecretsManager::RotationSchedule with SecretId: !Ref ${secret.id}`,
    );
  }
  for (const key of model.keys) {
    if (key.rotates || !key.symmetric) continue;
    report('HUSH007', key.pos, `KMS key ${key.id} does not rotate`, 'set EnableKeyRotation: true');
  }
  return findings;
}

const SENSITIVE = [
  'kms:Decrypt',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
];

/** The sensitive actions the statement's action patterns cover (IAM wildcards, case-insensitive). */
function sensitiveActions(statement: StatementModel): string[] {
  const patterns = statement.actions.map(
    (action) =>
      new RegExp(
        `^${action
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
        'i',
      ),
  );
  return SENSITIVE.filter((action) => patterns.some((pattern) => pattern.test(action)));
}

const paramName = (variable: string): string => variable.toLowerCase().replace(/_/g, '-');

const through = (variable: EnvVar): string => (variable.via ? ` (through \${self:${variable.via}})` : '');
