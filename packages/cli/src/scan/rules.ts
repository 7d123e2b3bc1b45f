/** The rule catalogue: ids are stable (suppressions and SARIF baselines refer to them). */
import type { Level } from './finding.js';

export interface Rule {
  id: string;
  name: string;
  level: Level;
  /** GitHub code scanning's 0–10 scale. */
  securitySeverity: string;
  short: string;
  full: string;
  help: string;
}

export const RULES: readonly Rule[] = [
  {
    id: 'HUSH001',
    name: 'LiteralSecretInEnvironment',
    level: 'error',
    securitySeverity: '9.0',
    short: 'A secret is written literally into an environment variable.',
    full: 'Environment variables are stored in plaintext in the function configuration and the deployment template, visible to anyone who can read either.',
    help: 'Store the value in SSM Parameter Store (SecureString) or Secrets Manager and put a hush reference such as ssm:/prod/db/password in the variable instead.',
  },
  {
    id: 'HUSH002',
    name: 'SecretResolvedAtDeployTime',
    level: 'error',
    securitySeverity: '8.0',
    short: 'A secret is resolved into the environment at deploy time.',
    full: '${ssm:…} (without noDecrypt), /aws/reference/secretsmanager/, {{resolve:ssm-secure:…}} and {{resolve:secretsmanager:…}} are replaced by the plaintext value when deploying, so the secret ends up in the function configuration and the template.',
    help: 'Replace it with the hush runtime reference (ssm:/name or secretsmanager:name), resolved by the function at run time, and grant the read with `hush policy`.',
  },
  {
    id: 'HUSH003',
    name: 'SecretSharedByFunctions',
    level: 'warning',
    securitySeverity: '5.0',
    short: 'The same secret is in the environment of several functions.',
    full: 'A secret copied into many functions widens who can read it and makes rotation touch every one of them.',
    help: 'Give only the functions that need it a runtime reference, each with its own least-privilege grant.',
  },
  {
    id: 'HUSH004',
    name: 'SecretEnvironmentWithoutCustomerKey',
    level: 'warning',
    securitySeverity: '4.0',
    short: 'Secret-bearing environment variables are not encrypted with a customer KMS key.',
    full: 'Without kmsKeyArn/KmsKeyArn, Lambda encrypts the environment with the AWS managed key, which anyone allowed lambda:GetFunctionConfiguration can have decrypted.',
    help: 'Move the secret out of the environment; if something sensitive must stay, set kmsKeyArn/KmsKeyArn to a customer managed key with a restrictive key policy.',
  },
  {
    id: 'HUSH005',
    name: 'SecretReadGrantedOnAnyResource',
    level: 'error',
    securitySeverity: '7.5',
    short: 'kms:Decrypt, secretsmanager:GetSecretValue or ssm:GetParameter* is allowed on Resource "*".',
    full: 'A statement that allows reading or decrypting every secret lets a compromised function read all of them.',
    help: 'Grant the exact parameter, secret and key ARNs the function uses (`hush policy` writes them).',
  },
  {
    id: 'HUSH006',
    name: 'SecretWithoutRotation',
    level: 'warning',
    securitySeverity: '4.0',
    short: 'A Secrets Manager secret has no rotation schedule.',
    full: 'A secret that never rotates stays valid forever once it leaks.',
    help: 'Add an AWS::SecretsManager::RotationSchedule whose SecretId refers to the secret.',
  },
  {
    id: 'HUSH007',
    name: 'KmsKeyWithoutRotation',
    level: 'warning',
    securitySeverity: '3.0',
    short: 'A symmetric KMS key does not have automatic rotation enabled.',
    full: 'Without EnableKeyRotation the key material of a customer managed key never changes.',
    help: 'Set EnableKeyRotation: true on the AWS::KMS::Key.',
  },
  {
    id: 'HUSH008',
    name: 'SuppressionWithoutReason',
    level: 'warning',
    securitySeverity: '2.0',
    short: 'A hush-ignore comment gives no reason.',
    full: 'A suppression must say why the finding is acceptable; one without a reason is not honoured.',
    help: 'Write it as `# hush-ignore HUSH001: why this is acceptable`.',
  },
];

export const ruleById = (id: string): Rule => {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
};
