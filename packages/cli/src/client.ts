/**
 * The AWS options every command takes (`--region`, `--profile`, `--endpoint`) and the client they
 * build. Static credentials in the environment or an `--endpoint` (hush serve) need nothing more;
 * only otherwise is the AWS SDK's default provider chain (profiles, SSO, IMDS) loaded, lazily,
 * because importing it costs more than the rest of the command.
 */

import type { Command } from 'commander';
import { AwsJsonClient, type CredentialsProvider, credentialsFromEnv, regionFromEnv } from 'hush/aws';

export interface AwsOptions {
  region?: string;
  profile?: string;
  endpoint?: string;
}

/** Credentials hush serve accepts when nothing else is configured (it does not check them unless --strict). */
const LOCAL_CREDENTIALS = { accessKeyId: 'hush-local', secretAccessKey: 'hush-local' };

export function addAwsOptions(command: Command): Command {
  return command
    .option(
      '--region <region>',
      "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region in ~/.aws/config, us-east-1)",
    )
    .option('--profile <name>', 'AWS profile from ~/.aws/config (default: the SDK default chain)')
    .option('--endpoint <url>', 'endpoint for every service, e.g. a hush serve (default: AWS_ENDPOINT_URL)');
}

export async function awsClient(
  options: AwsOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AwsJsonClient> {
  const region = options.region ?? regionFromEnv(env) ?? (await profileRegion(options, env)) ?? 'us-east-1';
  const endpoint = options.endpoint;
  const fromEnv = credentialsFromEnv(env);
  let credentials: CredentialsProvider | typeof LOCAL_CREDENTIALS;
  if (fromEnv && options.profile === undefined) credentials = fromEnv;
  else if (endpoint !== undefined && options.profile === undefined) credentials = LOCAL_CREDENTIALS;
  else credentials = chainProvider(options.profile);
  return new AwsJsonClient({ region, credentials, ...(endpoint ? { endpoint } : {}) });
}

/**
 * The profile's `region` in the shared config file (`AWS_CONFIG_FILE`, else ~/.aws/config), where the AWS
 * CLI and SDK look after `--region` and the environment. The profile is `--profile`, else `AWS_PROFILE`,
 * else `default`. Read with the SDK's own loader, imported only here: it costs a command tens of ms.
 */
async function profileRegion(options: AwsOptions, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const profile = options.profile ?? env.AWS_PROFILE ?? 'default';
  const files = await loadSharedConfigFiles(
    env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {},
  );
  return files.configFile[profile]?.region || undefined;
}

function chainProvider(profile: string | undefined): CredentialsProvider {
  let provider:
    | (() => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>)
    | undefined;
  return async () => {
    if (!provider) {
      const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
      provider = fromNodeProviderChain(profile === undefined ? {} : { profile });
    }
    const c = await provider();
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
    };
  };
}
