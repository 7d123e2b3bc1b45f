/**
 * `--region`, `--profile`, `--endpoint` on every command, and the one client they build.
 *
 * Against `hush serve` (`--endpoint` or `AWS_ENDPOINT_URL`) with keys in the environment, the
 * client signs with those keys and never loads the AWS SDK. Otherwise credentials come from the
 * SDK's default chain (env, shared profiles, SSO, containers, instance roles), imported on first
 * use so local commands don't pay for it.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { AwsJsonClient, type CredentialsProvider, credentialsFromEnv, regionFromEnv } from 'hush/aws';
import { usageError } from './errors.js';

export interface AwsOptions {
  region?: string;
  profile?: string;
  endpoint?: string;
}

export function addAwsOptions(command: Command): Command {
  return command
    .option('--region <region>', 'AWS region (default: AWS_REGION, then the profile’s region)')
    .option('--profile <name>', 'AWS shared-config profile for credentials and region (default: AWS_PROFILE)')
    .option('--endpoint <url>', 'send requests here, e.g. a `hush serve` (default: AWS_ENDPOINT_URL)');
}

export function createClient(options: AwsOptions, env: NodeJS.ProcessEnv = process.env): AwsJsonClient {
  if (options.endpoint !== undefined) {
    try {
      new URL(options.endpoint);
    } catch {
      throw usageError(`--endpoint "${options.endpoint}" is not a URL`);
    }
  }
  const profile = options.profile ?? env.AWS_PROFILE;
  const region = options.region ?? regionFromEnv(env) ?? profileRegion(profile ?? 'default', env);
  if (!region) throw usageError('no AWS region: pass --region or set AWS_REGION');
  const staticKeys = options.profile === undefined ? credentialsFromEnv(env) : undefined;
  return new AwsJsonClient({
    region,
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    credentials: staticKeys ?? providerChain(profile),
    env,
  });
}

function providerChain(profile: string | undefined): CredentialsProvider {
  let provider: CredentialsProvider | undefined;
  return async () => {
    if (!provider) {
      const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
      provider = fromNodeProviderChain(profile === undefined ? {} : { profile });
    }
    try {
      return await provider();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`no AWS credentials${profile ? ` for profile "${profile}"` : ''}: ${reason}`);
    }
  };
}

/** The `region` of a profile in the shared config file, as the SDKs read it. */
function profileRegion(profile: string, env: NodeJS.ProcessEnv): string | undefined {
  const file = env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const wanted = profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
  let inSection = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (section) inSection = wanted.includes(section[1]!);
    else if (inSection) {
      const match = /^region\s*=\s*(\S+)/.exec(line);
      if (match) return match[1];
    }
  }
  return undefined;
}
