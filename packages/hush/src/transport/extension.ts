/**
 * The AWS Parameters and Secrets Lambda Extension (localhost:2773): it caches inside the execution
 * environment and answers one name per GET, authenticated by the function's session token. It has no
 * batch, path or KMS call, so those are emulated by parallel GETs or sent through `fallback`
 * (default: the direct transport).
 */
import { AwsServiceError } from '../aws/awsServiceError.js';
import type { Env } from '../aws/environment.js';
import { httpRequest } from '../aws/httpClient.js';
import { directTransport } from './direct.js';
import type { Transport, TransportCallOptions } from './transport.js';

export interface ExtensionTransportOptions {
  /** Default `http://localhost:$PARAMETERS_SECRETS_EXTENSION_HTTP_PORT` (2773). */
  url?: string;
  /** For operations the extension lacks (GetParametersByPath, Decrypt). */
  fallback?: Transport;
  env?: Env;
}

type Json = Record<string, unknown>;

export function extensionTransport(options: ExtensionTransportOptions = {}): Transport {
  const env = options.env ?? process.env;
  const base = options.url ?? `http://localhost:${env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT || '2773'}`;
  let fallback = options.fallback;
  const get = (path: string, query: Record<string, string | undefined>, timeoutMs?: number) => {
    const url = new URL(path, base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    return request(url, env.AWS_SESSION_TOKEN ?? '', timeoutMs);
  };
  const parameter = (name: string, decrypt: boolean, o: TransportCallOptions) =>
    get('/systemsmanager/parameters/get', { name, withDecryption: String(decrypt) }, o.timeoutMs);
  const secret = (input: Json, o: TransportCallOptions) =>
    get(
      '/secretsmanager/get',
      {
        secretId: String(input.SecretId),
        versionStage: input.VersionStage as string | undefined,
        versionId: input.VersionId as string | undefined,
      },
      o.timeoutMs,
    );

  const transport: Transport = {
    async call<T>(service: string, operation: string, input: object, o: TransportCallOptions = {}) {
      const i = input as Json;
      if (operation === 'GetParameters') {
        const names = i.Names as string[];
        const outcomes = await Promise.allSettled(
          names.map((n) => parameter(n, i.WithDecryption === true, o)),
        );
        return settle(outcomes, names, 'Parameter', 'Parameters', 'InvalidParameters') as T;
      }
      if (operation === 'GetParameter')
        return (await parameter(String(i.Name), i.WithDecryption === true, o)) as T;
      if (operation === 'GetSecretValue') return (await secret(i, o)) as T;
      if (operation === 'BatchGetSecretValue') {
        const ids = i.SecretIdList as string[];
        const outcomes = await Promise.allSettled(ids.map((id) => secret({ SecretId: id }, o)));
        const values: Json[] = [];
        const errors: Json[] = [];
        outcomes.forEach((outcome, n) => {
          if (outcome.status === 'fulfilled') values.push(outcome.value);
          else if (outcome.reason instanceof AwsServiceError && !outcome.reason.retryable)
            errors.push({ SecretId: ids[n], ErrorCode: outcome.reason.code, Message: '' });
          else throw outcome.reason;
        });
        return { SecretValues: values, Errors: errors } as T;
      }
      fallback ??= directTransport({ env });
      return fallback.call<T>(service as 'ssm', operation, input, o);
    },
  };
  return transport;
}

function settle(
  outcomes: PromiseSettledResult<Json>[],
  names: string[],
  member: string,
  listMember: string,
  invalidMember: string,
): Json {
  const found: unknown[] = [];
  const invalid: string[] = [];
  outcomes.forEach((outcome, n) => {
    if (outcome.status === 'fulfilled') found.push(outcome.value[member]);
    else if (outcome.reason instanceof AwsServiceError && !outcome.reason.retryable) invalid.push(names[n]!);
    else throw outcome.reason;
  });
  return { [listMember]: found, [invalidMember]: invalid };
}

async function request(url: URL, token: string, timeoutMs: number | undefined): Promise<Json> {
  const answer = await httpRequest(
    url,
    'GET',
    { Host: url.host, 'X-Aws-Parameters-Secrets-Token': token },
    '',
    timeoutMs,
  );
  const { status, body } = answer;
  if (status < 200 || status >= 300)
    throw new AwsServiceError(extensionErrorCode(status, body), '', status, undefined, {});
  try {
    return JSON.parse(body) as Json;
  } catch {
    throw new AwsServiceError('InvalidResponse', 'the extension answered with non-JSON', 502, undefined, {});
  }
}

/** The extension relays AWS's error as text; pick out the code it names. */
function extensionErrorCode(status: number, text: string): string {
  const named =
    /(ParameterNotFound|ParameterVersionNotFound|ResourceNotFoundException|AccessDeniedException|DecryptionFailure|ThrottlingException)/.exec(
      text,
    );
  if (named) return named[1]!;
  if (status === 404) return 'ResourceNotFoundException';
  if (status === 401 || status === 403) return 'AccessDeniedException';
  if (status === 429) return 'ThrottlingException';
  return `Extension${status}`;
}
