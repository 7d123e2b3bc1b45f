/** Secrets Manager calls the commands share, over the signed JSON client. */
import { randomUUID } from 'node:crypto';
import type { AwsJsonClient } from 'hush/aws';
import { AwsServiceError } from 'hush/aws';
import { mapLimit } from '../cli/mapLimit.js';

type Region = { region?: string };
const callOptions = (region: string | undefined) => (region ? { region } : {});

export interface SecretListEntry {
  ARN: string;
  Name: string;
  Description?: string;
  KmsKeyId?: string;
  LastChangedDate?: number;
  LastAccessedDate?: number;
  CreatedDate?: number;
  DeletedDate?: number;
  RotationEnabled?: boolean;
  SecretVersionsToStages?: Record<string, string[]>;
  Tags?: { Key: string; Value: string }[];
}

export interface SecretValue {
  ARN: string;
  Name: string;
  VersionId: string;
  SecretString?: string;
  SecretBinary?: string;
  VersionStages?: string[];
  CreatedDate?: number;
}

export interface PutSecretInput {
  secretId: string;
  value: string;
  description?: string;
  kmsKeyId?: string;
  tags?: { Key: string; Value: string }[];
}

/** Creates the secret, or adds a version (AWSCURRENT moves to it) when it exists. */
export async function putSecret(
  client: AwsJsonClient,
  input: PutSecretInput,
  { region }: Region = {},
): Promise<{ versionId: string; arn: string; created: boolean }> {
  try {
    const out = await client.call<{ ARN: string; VersionId: string }>(
      'secretsmanager',
      'CreateSecret',
      {
        Name: input.secretId,
        SecretString: input.value,
        // The SDKs fill this idempotency token themselves; the API requires it.
        ClientRequestToken: randomUUID(),
        ...(input.description !== undefined ? { Description: input.description } : {}),
        ...(input.kmsKeyId !== undefined ? { KmsKeyId: input.kmsKeyId } : {}),
        ...(input.tags?.length ? { Tags: input.tags } : {}),
      },
      callOptions(region),
    );
    return { versionId: out.VersionId, arn: out.ARN, created: true };
  } catch (error) {
    if (!(error instanceof AwsServiceError && error.code === 'ResourceExistsException')) throw error;
  }
  if (input.description !== undefined || input.kmsKeyId !== undefined) {
    await client.call(
      'secretsmanager',
      'UpdateSecret',
      {
        SecretId: input.secretId,
        ...(input.description !== undefined ? { Description: input.description } : {}),
        ...(input.kmsKeyId !== undefined ? { KmsKeyId: input.kmsKeyId } : {}),
      },
      callOptions(region),
    );
  }
  const out = await client.call<{ ARN: string; VersionId: string }>(
    'secretsmanager',
    'PutSecretValue',
    { SecretId: input.secretId, SecretString: input.value, ClientRequestToken: randomUUID() },
    callOptions(region),
  );
  if (input.tags?.length) {
    await client.call(
      'secretsmanager',
      'TagResource',
      { SecretId: input.secretId, Tags: input.tags },
      callOptions(region),
    );
  }
  return { versionId: out.VersionId, arn: out.ARN, created: false };
}

export async function getSecretValue(
  client: AwsJsonClient,
  secretId: string,
  selector: { versionStage?: string; versionId?: string } = {},
  { region }: Region = {},
): Promise<SecretValue> {
  return client.call<SecretValue>(
    'secretsmanager',
    'GetSecretValue',
    {
      SecretId: secretId,
      ...(selector.versionStage ? { VersionStage: selector.versionStage } : {}),
      ...(selector.versionId ? { VersionId: selector.versionId } : {}),
    },
    callOptions(region),
  );
}

export async function describeSecret(
  client: AwsJsonClient,
  secretId: string,
  { region }: Region = {},
): Promise<SecretListEntry> {
  return client.call<SecretListEntry>(
    'secretsmanager',
    'DescribeSecret',
    { SecretId: secretId },
    callOptions(region),
  );
}

/** Secrets whose name starts with `prefix` (all for an empty prefix), sorted by name. */
export async function listSecrets(
  client: AwsJsonClient,
  prefix: string,
  { region }: Region = {},
): Promise<SecretListEntry[]> {
  const found: SecretListEntry[] = [];
  let token: string | undefined;
  do {
    const out = await client.call<{ SecretList: SecretListEntry[]; NextToken?: string }>(
      'secretsmanager',
      'ListSecrets',
      {
        MaxResults: 100,
        ...(prefix ? { Filters: [{ Key: 'name', Values: [prefix] }] } : {}),
        ...(token ? { NextToken: token } : {}),
      },
      callOptions(region),
    );
    // Keep true name prefixes only, whatever else the service's name filter matches.
    found.push(...out.SecretList.filter((s) => s.Name.startsWith(prefix)));
    token = out.NextToken;
  } while (token);
  return found.sort((a, b) => a.Name.localeCompare(b.Name));
}

/** Current values by name, 20 per BatchGetSecretValue; secrets that cannot be read are absent. */
export async function getSecretValues(
  client: AwsJsonClient,
  names: readonly string[],
  { region }: Region = {},
): Promise<Map<string, SecretValue>> {
  const batches: string[][] = [];
  for (let i = 0; i < names.length; i += 20) batches.push(names.slice(i, i + 20));
  const results = await mapLimit(batches, 4, (batch) =>
    client.call<{ SecretValues: SecretValue[] }>(
      'secretsmanager',
      'BatchGetSecretValue',
      { SecretIdList: batch },
      callOptions(region),
    ),
  );
  return new Map(results.flatMap((r) => r.SecretValues.map((s) => [s.Name, s] as const)));
}

export interface SecretVersion {
  VersionId: string;
  VersionStages?: string[];
  CreatedDate?: number;
  LastAccessedDate?: number;
  KmsKeyIds?: string[];
}

export async function secretVersions(
  client: AwsJsonClient,
  secretId: string,
  { region }: Region = {},
): Promise<{ Name: string; ARN: string; Versions: SecretVersion[] }> {
  const versions: SecretVersion[] = [];
  let token: string | undefined;
  let head = { Name: secretId, ARN: '' };
  do {
    const out = await client.call<{
      Name: string;
      ARN: string;
      Versions: SecretVersion[];
      NextToken?: string;
    }>(
      'secretsmanager',
      'ListSecretVersionIds',
      {
        SecretId: secretId,
        IncludeDeprecated: true,
        MaxResults: 100,
        ...(token ? { NextToken: token } : {}),
      },
      callOptions(region),
    );
    head = { Name: out.Name, ARN: out.ARN };
    versions.push(...out.Versions);
    token = out.NextToken;
  } while (token);
  versions.sort((a, b) => (b.CreatedDate ?? 0) - (a.CreatedDate ?? 0));
  return { ...head, Versions: versions };
}
