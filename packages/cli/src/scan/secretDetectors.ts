/**
 * Recognises secrets typed literally into a value: known key formats first, then high-entropy
 * values under names that sound secret. Look-alikes (placeholders, references, ARNs, short words)
 * are not secrets.
 */
import { isReference } from 'hush/reference';

export interface SecretMatch {
  kind: string;
}

const FORMATS: { kind: string; pattern: RegExp }[] = [
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { kind: 'a private key', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/ },
  { kind: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { kind: 'a Slack token', pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,}/ },
  {
    kind: 'a Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/,
  },
  { kind: 'a Stripe key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/ },
];

const SECRET_NAME =
  /pass(word|wd)?|secret|token|api[_-]?key|apikey|private[_-]?key|credential|auth|signing[_-]?key|dsn|conn(ection)?[_-]?str/i;
const PLACEHOLDER =
  /^(change[-_ ]?me|changeit|<[^>]*>|x{3,}|\*{3,}|\.{3,}|todo|tbd|fixme|placeholder|dummy|example|sample|test|none|null|undefined|redacted|secret|password|your[-_ a-z]*|replace[-_ a-z]*|\$[A-Z_]+)$/i;
const CONNECTION = /^[a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:([^@\s]+)@/i;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);

export function isLookAlike(value: string): boolean {
  const trimmed = value.trim();
  return (
    PLACEHOLDER.test(trimmed) ||
    trimmed.includes('${') ||
    trimmed.includes('{{resolve:') ||
    trimmed.startsWith('arn:') ||
    isReference(trimmed)
  );
}

export function detectSecret(name: string, value: string): SecretMatch | undefined {
  if (isLookAlike(value)) return undefined;
  for (const format of FORMATS) if (format.pattern.test(value)) return { kind: format.kind };
  const connection = CONNECTION.exec(value);
  if (connection && !PLACEHOLDER.test(connection[1] ?? '') && !(connection[1] ?? '').includes('${')) {
    return { kind: 'a connection string with a password' };
  }
  if (isSecretName(name) && looksRandom(value)) return { kind: 'a high-entropy value' };
  return undefined;
}

/** At least 12 characters, not a path or URL, digits or mixed case, and ≥ 3 bits of Shannon entropy per character. */
function looksRandom(value: string): boolean {
  if (value.length < 12 || /\s/.test(value) || value.startsWith('/') || value.includes('://')) return false;
  // Words joined by punctuation (`secret-values`) are names, not keys: want digits or mixed case.
  if (!/[0-9]/.test(value) && !(/[a-z]/.test(value) && /[A-Z]/.test(value))) return false;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy >= 3;
}

/** What a report may show of a secret: its first 4 characters and its length. */
export const redact = (value: string): string => `${value.slice(0, 4)}… (${value.length} chars)`;
