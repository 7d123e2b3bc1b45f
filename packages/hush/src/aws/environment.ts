/**
 * Region, endpoint and static credentials found the way the AWS SDKs find them in the environment:
 * `AWS_REGION`/`AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL_<SERVICE>` then `AWS_ENDPOINT_URL`
 * (unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`), and `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/
 * `AWS_SESSION_TOKEN` — which is exactly what a Lambda function's environment holds.
 */
import { ENDPOINT_ENV_SUFFIX, type ServiceName } from './services.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

export function regionFromEnv(env: Env): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

export function endpointFromEnv(service: ServiceName, region: string, env: Env): URL {
  const ignore = (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true';
  const configured = ignore
    ? undefined
    : env[`AWS_ENDPOINT_URL_${ENDPOINT_ENV_SUFFIX[service]}`] || env.AWS_ENDPOINT_URL;
  if (configured) return new URL(configured);
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return new URL(`https://${service}.${region}.${suffix}`);
}

export function credentialsFromEnv(env: Env): AwsCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined };
}
