/**
 * A small AWS JSON 1.1 client: one signed POST per call (SigV4, `sigv4.ts`), keep-alive connections.
 * It is the only network code on the runtime's default path — no AWS SDK — and the CLI uses it too.
 * Retries and timeouts belong to the caller (`call` takes an AbortSignal). `node:http`/`node:https`
 * are loaded on the first call and only the one the endpoint needs (https pulls in TLS: ~8 ms at a
 * cold start that an http endpoint never pays).
 */
import type { Agent, IncomingMessage, OutgoingHttpHeaders, RequestOptions } from 'node:http';
import { AwsServiceError } from './awsServiceError.js';
import {
  type AwsCredentials,
  credentialsFromEnv,
  type Env,
  endpointFromEnv,
  regionFromEnv,
} from './environment.js';
import { SERVICES, type ServiceName } from './services.js';
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
  signal?: AbortSignal;
  /** Region for this call (a reference's `?region=`). */
  region?: string;
}

interface HttpModule {
  Agent: new (options: { keepAlive: boolean; maxSockets: number }) => Agent;
  request(
    options: RequestOptions,
    onResponse: (res: IncomingMessage) => void,
  ): ReturnType<typeof import('node:http').request>;
}

const transports = new Map<string, Promise<{ module: HttpModule; agent: Agent }>>();

function transportFor(protocol: string): Promise<{ module: HttpModule; agent: Agent }> {
  let loaded = transports.get(protocol);
  if (!loaded) {
    const load: Promise<HttpModule> = protocol === 'https:' ? import('node:https') : import('node:http');
    loaded = load.then((module) => ({
      module,
      agent: new module.Agent({ keepAlive: true, maxSockets: 50 }),
    }));
    transports.set(protocol, loaded);
  }
  return loaded;
}

export class AwsJsonClient {
  readonly region: string;
  private readonly options: AwsJsonClientOptions;
  private readonly env: Env;

  constructor(options: AwsJsonClientOptions = {}) {
    this.options = options;
    this.env = options.env ?? process.env;
    const region = options.region ?? regionFromEnv(this.env);
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
    const url = this.options.endpoint
      ? new URL(this.options.endpoint)
      : endpointFromEnv(service, region, this.env);
    const credentials = await this.credentials();
    const body = JSON.stringify(input);
    const info = SERVICES[service];
    const headers = signRequest(
      {
        host: url.host,
        path: url.pathname || '/',
        service: info.signingName,
        region,
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': `${info.targetPrefix}.${operation}`,
        },
        body,
      },
      credentials,
    );
    const { status, text, requestId } = await send(url, headers, body, options.signal);
    const parsed = text === '' ? {} : parseJson(text);
    if (status >= 200 && status < 300) return parsed as T;
    const type = String(parsed.__type ?? 'UnknownError');
    const code = type.slice(type.lastIndexOf('#') + 1);
    const message = String(parsed.message ?? parsed.Message ?? '');
    throw new AwsServiceError(code, message, status, requestId, parsed);
  }

  private async credentials(): Promise<AwsCredentials> {
    const given = this.options.credentials;
    if (typeof given === 'function') return given();
    if (given) return given;
    const fromEnv = credentialsFromEnv(this.env);
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

async function send(
  url: URL,
  headers: OutgoingHttpHeaders,
  body: string,
  signal: AbortSignal | undefined,
): Promise<{ status: number; text: string; requestId: string | undefined }> {
  const { module, agent } = await transportFor(url.protocol);
  return new Promise((resolve, reject) => {
    const req = module.request(
      {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port || undefined,
        path: url.pathname || '/',
        method: 'POST',
        headers,
        agent,
        ...(signal ? { signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            requestId: (res.headers['x-amzn-requestid'] as string | undefined) ?? undefined,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
