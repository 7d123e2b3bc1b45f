/**
 * References that the deployment tool replaces by the plaintext value, and the hush runtime
 * reference that keeps the value out of the environment instead.
 */
import { findReferences, type Reference } from 'hush/reference';

export interface DeployTimeSecret {
  raw: string;
  /** The runtime reference to write instead, e.g. `ssm:/prod/db/password`. */
  replacement: string;
  /** Certain to be a secret (SecureString/Secrets Manager), not just possibly one. */
  certain: boolean;
}

const SM_REFERENCE = '/aws/reference/secretsmanager/';

export function deployTimeSecrets(value: string): DeployTimeSecret[] {
  const found: DeployTimeSecret[] = [];
  for (const match of findReferences(value)) {
    if (!match.result.ok) {
      // `{{resolve:secretsmanager:${DbSecret}:…}}` inside a !Sub: not a reference until deployed,
      // yet certainly resolved into the environment then.
      const computed = computedDynamic(match.raw);
      if (computed) found.push({ raw: match.raw, replacement: computed, certain: true });
      continue;
    }
    const reference = match.result.reference;
    const secret = classify(reference);
    if (secret) found.push({ raw: match.raw, ...secret });
  }
  return found;
}

function classify(reference: Reference): Omit<DeployTimeSecret, 'raw'> | undefined {
  if (reference.kind === 'secretsmanager') {
    const field = reference.field ? `#${reference.field}` : '';
    return { replacement: `secretsmanager:${reference.secretId}${field}`, certain: true };
  }
  if (reference.kind !== 'ssm' || !reference.decrypt) return undefined;
  if (reference.name.startsWith(SM_REFERENCE)) {
    return { replacement: `secretsmanager:${reference.name.slice(SM_REFERENCE.length)}`, certain: true };
  }
  const selector =
    reference.version !== undefined ? `:${reference.version}` : reference.label ? `:${reference.label}` : '';
  return {
    replacement: `ssm:${reference.name}${selector}`,
    certain: reference.secure === true || reference.dialect === 'serverless',
  };
}

function computedDynamic(raw: string): string | undefined {
  const secret = /^\{\{resolve:secretsmanager:(\$\{[^}]+\}|[^:}]+)(?::SecretString:([^:}]*))?/.exec(raw);
  if (secret) return `secretsmanager:${secret[1]}${secret[2] ? `#${secret[2]}` : ''}`;
  const secure = /^\{\{resolve:ssm-secure:([^}]+?)(?::\d+)?\}\}$/.exec(raw);
  return secure ? `ssm:${secure[1]}` : undefined;
}
