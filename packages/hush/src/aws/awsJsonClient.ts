/**
 * A small AWS JSON 1.1 client: one signed POST per call (SigV4, `sigv4.ts`) over keep-alive
 * connections (`httpClient.ts`). It is the only network code on the runtime's default path — no AWS
 * SDK, no `node:http` — and the CLI uses it too. Retries and timeouts belong to the caller (`call`
 * takes a per-call timeout).
 */
import { AwsServiceError } from './awsServiceError.js';
import {
  type AwsCredentials,
  credentialsFromEnv,
  type Env,
  endpointFromEnv,
  regionFromEnv,
} from './environment.js';
import { httpRequest } from './httpClient.js';
import { type ServiceName, TARGET_PREFIX } from './services.js';
import { signRequest } from './sigv4.js';

export type CredentialsProvider = () => AwsCredentials | Promise<AwsCredentials>;

export interface AwsJsonClientOptions {
  region?: string;
  /** One endpoint for every service (e.g. `hush serve`); otherwise from the environment. */
  endpoint?: string;
  credentials?: AwsCredentials | CredentialsProvider;
  env?: Env;
}

export interface CallOptions {
  /** Give up after this many ms (connecting included): the call rejects with `AttemptTimeout`. */
  timeoutMs?: number;
  /** Region for this call (a reference's `?region=`). */
  region?: string;
}

export class AwsJsonClient {
  readonly region: string;
  readonly #options: AwsJsonClientOptions;
  readonly #env: Env;

  constructor(options: AwsJsonClientOptions = {}) {
    this.#options = options;
    this.#env = options.env ?? process.env;
    const region = options.region ?? regionFromEnv(this.#env);
    if (!region) throw new Error('no AWS region: set AWS_REGION or pass a region');
    this.region = region;
  }

  async call<T = Record<string, unknown>>(
    service: ServiceName,
    operation: string,
    input: object,
    options: CallOptions = {},
  ): Promise<T> {
    const region = options.region ?? this.region;
    const url = this.#options.endpoint
      ? new URL(this.#options.endpoint)
      : endpointFromEnv(service, region, this.#env);
    const credentials = await this.#credentials();
    const body = JSON.stringify(input);
    const headers = signRequest(
      {
        host: url.host,
        // An http(s) URL's pathname is never empty.
        path: url.pathname,
        service,
        region,
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': `${TARGET_PREFIX[service]}.${operation}`,
        },
        body,
      },
      credentials,
    );
    const answer = await httpRequest(url, 'POST', headers, body, options.timeoutMs);
    const { status } = answer;
    const parsed = answer.body === '' ? {} : parseJson(answer.body);
    if (status >= 200 && status < 300) return parsed as T;
    const type = String(parsed.__type ?? 'UnknownError');
    const code = type.slice(type.lastIndexOf('#') + 1);
    const message = String(parsed.message ?? parsed.Message ?? '');
    throw new AwsServiceError(code, message, status, answer.headers['x-amzn-requestid'], parsed);
  }

  async #credentials(): Promise<AwsCredentials> {
    const given = this.#options.credentials;
    if (typeof given === 'function') return given();
    if (given) return given;
    const fromEnv = credentialsFromEnv(this.#env);
    if (!fromEnv) throw new Error('no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    return fromEnv;
  }
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return { __type: 'InvalidResponse', message: 'the service answered with something other than JSON' };
  }
}
