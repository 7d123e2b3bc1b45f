/**
 * Fetches the values of parsed references for `run` and `resolve`: SSM names batched ten per
 * GetParameters, Secrets Manager one GetSecretValue per secret (with `#field`), KMS ciphertexts
 * decrypted with `{LambdaFunctionName}` from AWS_LAMBDA_FUNCTION_NAME, Serverless fallbacks when a
 * parameter does not exist. Every value comes back as the string that goes into an environment
 * variable or a file. A small stand-in for the runtime library's resolver, which can replace it.
 */
import { type AwsJsonClient, AwsServiceError } from 'hush/aws';
import type {
  KmsCiphertextReference,
  Reference,
  SecretsManagerReference,
  SsmParameterReference,
  SsmPathReference,
} from 'hush/reference';
import { lambdaContext } from './kmsEnv.js';
import { reasonOf } from './output.js';

export type Resolution = { ok: true; value: string } | { ok: false; reason: string };

export interface ResolveOptions {
  /** Encryption context for `kms:` references, as Lambda sets it. */
  functionName?: string;
}

interface SsmParameter {
  Name: string;
  Type: string;
  Value: string;
  Selector?: string;
  ARN?: string;
}

const BATCH = 10;
const SECRETS_VIA_SSM = '/aws/reference/secretsmanager/';

/** Resolves every reference; the result is keyed by the reference's text. */
export async function resolveReferences(
  client: AwsJsonClient,
  references: readonly Reference[],
  options: ResolveOptions = {},
): Promise<Map<string, Resolution>> {
  const unique = new Map(references.map((r) => [r.text, r]));
  const results = new Map<string, Resolution>();
  const all = [...unique.values()];
  const ssm = all.filter((r): r is SsmParameterReference => r.kind === 'ssm');
  await Promise.all([
    resolveSsm(client, ssm, results),
    ...all.map(async (reference) => {
      if (reference.kind === 'ssm') return;
      try {
        results.set(reference.text, { ok: true, value: await resolveOne(client, reference, options) });
      } catch (error) {
        results.set(reference.text, { ok: false, reason: reasonOf(error) });
      }
    }),
  ]);
  return results;
}

function resolveOne(
  client: AwsJsonClient,
  reference: SsmPathReference | SecretsManagerReference | KmsCiphertextReference,
  options: ResolveOptions,
): Promise<string> {
  if (reference.kind === 'ssm-path') return resolvePath(client, reference);
  if (reference.kind === 'secretsmanager') return resolveSecret(client, reference);
  return resolveKms(client, reference, options);
}

const selectorOf = (r: SsmParameterReference): string =>
  r.version !== undefined ? `:${r.version}` : r.label ? `:${r.label}` : '';

async function resolveSsm(
  client: AwsJsonClient,
  references: readonly SsmParameterReference[],
  results: Map<string, Resolution>,
): Promise<void> {
  const groups = new Map<string, SsmParameterReference[]>();
  for (const r of references) {
    const key = `${r.region ?? ''}|${r.decrypt}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const batches: { refs: SsmParameterReference[]; single: boolean }[] = [];
  for (const refs of groups.values()) {
    // Secrets Manager behind SSM names is served by GetParameter alone.
    for (const r of refs.filter((r) => r.name.startsWith(SECRETS_VIA_SSM)))
      batches.push({ refs: [r], single: true });
    const plain = refs.filter((r) => !r.name.startsWith(SECRETS_VIA_SSM));
    for (let i = 0; i < plain.length; i += BATCH)
      batches.push({ refs: plain.slice(i, i + BATCH), single: false });
  }
  await Promise.all(
    batches.map(async ({ refs, single }) => {
      const first = refs[0];
      if (!first) return;
      const region = first.region ? { region: first.region } : {};
      const names = [...new Set(refs.map((r) => r.name + selectorOf(r)))];
      const found = new Map<string, SsmParameter>();
      try {
        if (single) {
          const { Parameter } = await client.call<{ Parameter: SsmParameter }>(
            'ssm',
            'GetParameter',
            { Name: names[0], WithDecryption: first.decrypt },
            region,
          );
          found.set(names[0] ?? '', Parameter);
        } else {
          const answer = await client.call<{ Parameters: SsmParameter[] }>(
            'ssm',
            'GetParameters',
            { Names: names, WithDecryption: first.decrypt },
            region,
          );
          for (const p of answer.Parameters) {
            found.set(p.Name + (p.Selector ?? ''), p);
            if (p.ARN) found.set(p.ARN + (p.Selector ?? ''), p);
          }
        }
      } catch (error) {
        const notFound = error instanceof AwsServiceError && error.code === 'ParameterNotFound';
        if (!notFound) {
          for (const r of refs) results.set(r.text, { ok: false, reason: reasonOf(error) });
          return;
        }
      }
      for (const r of refs) results.set(r.text, ssmResult(r, found.get(r.name + selectorOf(r))));
    }),
  );
}

function ssmResult(reference: SsmParameterReference, parameter: SsmParameter | undefined): Resolution {
  if (!parameter) {
    if (reference.fallback !== undefined) return { ok: true, value: String(reference.fallback ?? '') };
    return { ok: false, reason: 'ParameterNotFound' };
  }
  if (reference.secure && parameter.Type !== 'SecureString') {
    return { ok: false, reason: `ssm-secure needs a SecureString, the parameter is a ${parameter.Type}` };
  }
  if (reference.format === 'json' && !isJson(parameter.Value)) {
    return { ok: false, reason: 'the value is not JSON (?json)' };
  }
  return { ok: true, value: parameter.Value };
}

async function resolvePath(client: AwsJsonClient, reference: SsmPathReference): Promise<string> {
  const values: Record<string, string> = {};
  let NextToken: string | undefined;
  do {
    const page = await client.call<{ Parameters: SsmParameter[]; NextToken?: string }>(
      'ssm',
      'GetParametersByPath',
      {
        Path: reference.path,
        Recursive: reference.recursive,
        WithDecryption: reference.decrypt,
        ...(NextToken ? { NextToken } : {}),
      },
      reference.region ? { region: reference.region } : {},
    );
    for (const p of page.Parameters) values[p.Name.slice(reference.path.length)] = p.Value;
    NextToken = page.NextToken;
  } while (NextToken);
  return JSON.stringify(values);
}

async function resolveSecret(client: AwsJsonClient, reference: SecretsManagerReference): Promise<string> {
  const secret = await client.call<{ SecretString?: string; SecretBinary?: string }>(
    'secretsmanager',
    'GetSecretValue',
    {
      SecretId: reference.secretId,
      ...(reference.versionId ? { VersionId: reference.versionId } : {}),
      ...(reference.versionStage ? { VersionStage: reference.versionStage } : {}),
    },
    reference.region ? { region: reference.region } : {},
  );
  if (secret.SecretString === undefined) {
    if (reference.field) throw new Error(`#${reference.field}: the secret is binary`);
    return secret.SecretBinary ?? '';
  }
  if (!reference.field) {
    if (reference.format === 'json' && !isJson(secret.SecretString))
      throw new Error('the secret is not JSON');
    return secret.SecretString;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret.SecretString);
  } catch {
    throw new Error(`#${reference.field}: the secret is not JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || !(reference.field in parsed)) {
    throw new Error(`#${reference.field}: no such field in the secret`);
  }
  const value = (parsed as Record<string, unknown>)[reference.field];
  return typeof value === 'string' ? value : JSON.stringify(value);
}

async function resolveKms(
  client: AwsJsonClient,
  reference: KmsCiphertextReference,
  options: ResolveOptions,
): Promise<string> {
  const result = await client.call<{ Plaintext: string }>(
    'kms',
    'Decrypt',
    {
      CiphertextBlob: reference.ciphertext,
      ...(options.functionName ? { EncryptionContext: lambdaContext(options.functionName) } : {}),
    },
    reference.region ? { region: reference.region } : {},
  );
  const plain = Buffer.from(result.Plaintext, 'base64');
  return reference.format === 'binary' ? plain.toString('base64') : plain.toString('utf8');
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
