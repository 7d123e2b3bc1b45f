/**
 * The strict-mode configuration: the account, and the users and roles that may call the server,
 * each with access keys and inline identity policies. The CLI reads the file (YAML or JSON) and
 * hands the parsed value here, which checks it thoroughly: a typo in a policy must stop the server
 * at startup, not silently deny (or allow) at request time.
 *
 *   accountId: "000000000000"
 *   users:
 *     - name: alice
 *       accessKeys: [{ accessKeyId: AKIAALICE, secretAccessKey: "…" }]
 *       policies:
 *         - name: BlockKMSDecryptForAllResources
 *           document: { Version: "2012-10-17", Statement: [{ Effect: Deny, Action: kms:Decrypt, Resource: "*" }] }
 *   roles:
 *     - name: orders-fn-role
 *       sessionName: orders-fn
 *       accessKeys: [{ accessKeyId: ASIAORDERS, secretAccessKey: "…", sessionToken: "…", expiration: 2030-01-01T00:00:00Z }]
 *       policies: [ … ]
 */
import { type Policy, PolicyError, parsePolicy } from './policy/document.js';

export interface Identity {
  kind: 'user' | 'role';
  name: string;
  /** How AWS names the caller in messages: the user ARN, or the assumed-role session ARN. */
  arn: string;
  /** `aws:PrincipalArn`: the user or role ARN. */
  principalArn: string;
  accountId: string;
  policies: Policy[];
}

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | undefined;
  /** Epoch milliseconds after which the key is refused with ExpiredTokenException. */
  expiresAt: number | undefined;
  identity: Identity;
}

export interface AuthConfig {
  accountId: string;
  accessKeys: ReadonlyMap<string, AccessKey>;
  identities: readonly Identity[];
}

export class AuthConfigError extends Error {}

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: Json, where: string, pattern?: RegExp): string {
  if (typeof value !== 'string' || value === '')
    throw new AuthConfigError(`${where} must be a non-empty string`);
  if (pattern && !pattern.test(value)) throw new AuthConfigError(`${where} must match ${pattern.source}`);
  return value;
}

function list(value: Json, where: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AuthConfigError(`${where} must be a list`);
  return value;
}

function expiry(value: Json, where: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const at =
    value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw new AuthConfigError(`${where} must be an ISO 8601 date-time`);
  return at;
}

function policies(value: Json, where: string): Policy[] {
  return list(value, where).map((entry, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(entry)) throw new AuthConfigError(`${at} must be an object`);
    // Either a bare policy document or { name, document }.
    const named = entry.document !== undefined;
    const name = named && entry.name !== undefined ? text(entry.name, `${at}.name`) : `inline-${i}`;
    try {
      return parsePolicy(named ? entry.document : entry, `${where.split('.')[0]}:${name}`);
    } catch (error) {
      if (error instanceof PolicyError) throw new AuthConfigError(`${at}: ${error.message}`);
      throw error;
    }
  });
}

const NAME = /^[\w+=,.@-]{1,64}$/;
const ACCESS_KEY_ID = /^[\w]{3,128}$/;

export function parseAuthConfig(raw: Json, defaultAccountId: string): AuthConfig {
  if (!isObject(raw)) throw new AuthConfigError('the auth config must be an object with users and/or roles');
  const accountId =
    raw.accountId === undefined ? defaultAccountId : text(String(raw.accountId), 'accountId', /^\d{12}$/);
  const accessKeys = new Map<string, AccessKey>();
  const identities: Identity[] = [];
  for (const kind of ['user', 'role'] as const) {
    list(raw[`${kind}s`], `${kind}s`).forEach((entry, i) => {
      const where = `${kind}s[${i}]`;
      if (!isObject(entry)) throw new AuthConfigError(`${where} must be an object`);
      const name = text(entry.name, `${where}.name`, NAME);
      const principalArn = `arn:aws:iam::${accountId}:${kind}/${name}`;
      const session = kind === 'role' ? text(entry.sessionName ?? name, `${where}.sessionName`, NAME) : '';
      const identity: Identity = {
        kind,
        name,
        principalArn,
        arn: kind === 'user' ? principalArn : `arn:aws:sts::${accountId}:assumed-role/${name}/${session}`,
        accountId,
        policies: policies(entry.policies, `${kind}/${name}.policies`),
      };
      identities.push(identity);
      list(entry.accessKeys, `${where}.accessKeys`).forEach((key, k) => {
        const at = `${where}.accessKeys[${k}]`;
        if (!isObject(key)) throw new AuthConfigError(`${at} must be an object`);
        const accessKeyId = text(key.accessKeyId, `${at}.accessKeyId`, ACCESS_KEY_ID);
        if (accessKeys.has(accessKeyId))
          throw new AuthConfigError(`${at}: access key ${accessKeyId} is used twice`);
        accessKeys.set(accessKeyId, {
          accessKeyId,
          secretAccessKey: text(key.secretAccessKey, `${at}.secretAccessKey`),
          sessionToken:
            key.sessionToken === undefined ? undefined : text(key.sessionToken, `${at}.sessionToken`),
          expiresAt: expiry(key.expiration, `${at}.expiration`),
          identity,
        });
      });
    });
  }
  if (accessKeys.size === 0)
    throw new AuthConfigError('the auth config defines no access keys: nobody could call the server');
  return { accountId, accessKeys, identities };
}
