/** Secret names and ARNs: what a name may hold, and the ARN AWS gives a secret (`-` + 6 random characters). */
import { randomInt } from 'node:crypto';
import type { Scope } from '../kms/engine.js';
import { invalidName } from './errors.js';

const NAME = /^[A-Za-z0-9/_+=.@-]+$/;
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function assertValidName(name: string): void {
  if (!NAME.test(name)) throw invalidName();
}

/** A SecretId that is not an ARN must be a well-formed name. */
export function assertValidSecretId(secretId: string): void {
  if (!secretId.startsWith('arn:')) assertValidName(secretId);
}

export function newSecretArn(scope: Scope, name: string): string {
  let suffix = '';
  for (let i = 0; i < 6; i += 1) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return `arn:aws:secretsmanager:${scope.region}:${scope.account}:secret:${name}-${suffix}`;
}

/** The same secret's ARN in another region (replicas keep the primary's name and suffix). */
export const arnInRegion = (arn: string, region: string): string => {
  const parts = arn.split(':');
  parts[3] = region;
  return parts.join(':');
};

export const regionOfArn = (arn: string): string => arn.split(':')[3] ?? '';
