/** SSM Parameter Store calls the commands share, over the signed JSON client. */
import type { AwsJsonClient } from 'hush/aws';
import { AwsServiceError } from 'hush/aws';
import { mapLimit } from '../cli/mapLimit.js';

export type ParameterType = 'String' | 'StringList' | 'SecureString';

export interface ParameterMetadata {
  Name: string;
  Type: ParameterType;
  Version: number;
  LastModifiedDate?: number;
  LastModifiedUser?: string;
  Description?: string;
  KeyId?: string;
  Tier?: string;
  DataType?: string;
}

export interface Parameter {
  Name: string;
  Type: ParameterType;
  Value: string;
  Version: number;
  LastModifiedDate?: number;
  ARN?: string;
  DataType?: string;
  Selector?: string;
}

export interface PutParameterInput {
  name: string;
  value: string;
  type: ParameterType;
  description?: string;
  keyId?: string;
  tags?: { Key: string; Value: string }[];
  /** Overwrite an existing parameter (otherwise ParameterAlreadyExists). */
  overwrite: boolean;
}

type Region = { region?: string };
const callOptions = (region: string | undefined) => (region ? { region } : {});

/** Creates or overwrites; tags go with a create, or through AddTagsToResource on an overwrite (AWS refuses both at once). */
export async function putParameter(
  client: AwsJsonClient,
  input: PutParameterInput,
  { region }: Region = {},
): Promise<{ version: number; created: boolean }> {
  const base = {
    Name: input.name,
    Value: input.value,
    Type: input.type,
    ...(input.description !== undefined ? { Description: input.description } : {}),
    ...(input.keyId !== undefined && input.type === 'SecureString' ? { KeyId: input.keyId } : {}),
  };
  try {
    const out = await client.call<{ Version: number }>(
      'ssm',
      'PutParameter',
      { ...base, ...(input.tags?.length ? { Tags: input.tags } : {}) },
      callOptions(region),
    );
    return { version: out.Version, created: true };
  } catch (error) {
    if (!(error instanceof AwsServiceError && error.code === 'ParameterAlreadyExists' && input.overwrite))
      throw error;
  }
  const out = await client.call<{ Version: number }>(
    'ssm',
    'PutParameter',
    { ...base, Overwrite: true },
    callOptions(region),
  );
  if (input.tags?.length) {
    await client.call(
      'ssm',
      'AddTagsToResource',
      { ResourceType: 'Parameter', ResourceId: input.name, Tags: input.tags },
      callOptions(region),
    );
  }
  return { version: out.Version, created: false };
}

export async function getParameter(
  client: AwsJsonClient,
  name: string,
  decrypt: boolean,
  { region }: Region = {},
): Promise<Parameter> {
  const out = await client.call<{ Parameter: Parameter }>(
    'ssm',
    'GetParameter',
    { Name: name, WithDecryption: decrypt },
    callOptions(region),
  );
  return out.Parameter;
}

export async function describeParameter(
  client: AwsJsonClient,
  name: string,
  { region }: Region = {},
): Promise<ParameterMetadata | undefined> {
  const out = await client.call<{ Parameters: ParameterMetadata[] }>(
    'ssm',
    'DescribeParameters',
    { ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: [name] }] },
    callOptions(region),
  );
  return out.Parameters[0];
}

/** Every parameter whose name starts with `prefix` (all of them for an empty prefix), sorted by name. */
export async function listParameters(
  client: AwsJsonClient,
  prefix: string,
  { region }: Region = {},
): Promise<ParameterMetadata[]> {
  const found: ParameterMetadata[] = [];
  let token: string | undefined;
  do {
    const out = await client.call<{ Parameters: ParameterMetadata[]; NextToken?: string }>(
      'ssm',
      'DescribeParameters',
      {
        MaxResults: 50,
        ...(prefix ? { ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: [prefix] }] } : {}),
        ...(token ? { NextToken: token } : {}),
      },
      callOptions(region),
    );
    found.push(...out.Parameters);
    token = out.NextToken;
  } while (token);
  return found.sort((a, b) => a.Name.localeCompare(b.Name));
}

/** Decrypted values by name, 10 names per GetParameters; missing names are absent from the map. */
export async function getParameterValues(
  client: AwsJsonClient,
  names: readonly string[],
  { region }: Region = {},
): Promise<Map<string, Parameter>> {
  const batches: string[][] = [];
  for (let i = 0; i < names.length; i += 10) batches.push(names.slice(i, i + 10));
  const results = await mapLimit(batches, 4, (batch) =>
    client.call<{ Parameters: Parameter[] }>(
      'ssm',
      'GetParameters',
      { Names: batch, WithDecryption: true },
      callOptions(region),
    ),
  );
  return new Map(results.flatMap((r) => r.Parameters.map((p) => [p.Name, p] as const)));
}

export interface ParameterHistoryEntry {
  Name: string;
  Type: ParameterType;
  Version: number;
  LastModifiedDate?: number;
  LastModifiedUser?: string;
  Description?: string;
  KeyId?: string;
  Labels?: string[];
}

export async function parameterHistory(
  client: AwsJsonClient,
  name: string,
  { region }: Region = {},
): Promise<ParameterHistoryEntry[]> {
  const entries: ParameterHistoryEntry[] = [];
  let token: string | undefined;
  do {
    const out = await client.call<{
      Parameters: (ParameterHistoryEntry & { Value?: string })[];
      NextToken?: string;
    }>(
      'ssm',
      'GetParameterHistory',
      { Name: name, WithDecryption: false, MaxResults: 50, ...(token ? { NextToken: token } : {}) },
      callOptions(region),
    );
    // History is about versions, not values: drop the (encrypted or plain) value at the source.
    for (const { Value: _value, ...entry } of out.Parameters) entries.push(entry);
    token = out.NextToken;
  } while (token);
  return entries;
}
