/**
 * The three AWS services hush speaks, with their JSON 1.1 target prefixes. Each one's SigV4 signing
 * name and endpoint prefix is its name here.
 */
export type ServiceName = 'ssm' | 'secretsmanager' | 'kms';

export interface ServiceInfo {
  targetPrefix: string;
  /** Suffix of `AWS_ENDPOINT_URL_<X>`, as the AWS SDKs name it. */
  endpointEnvSuffix: string;
}

export const SERVICES: Readonly<Record<ServiceName, ServiceInfo>> = {
  ssm: { targetPrefix: 'AmazonSSM', endpointEnvSuffix: 'SSM' },
  secretsmanager: { targetPrefix: 'secretsmanager', endpointEnvSuffix: 'SECRETS_MANAGER' },
  kms: { targetPrefix: 'TrentService', endpointEnvSuffix: 'KMS' },
};
