/** The three AWS services hush speaks, with their JSON 1.1 target prefixes and signing names. */
export type ServiceName = 'ssm' | 'secretsmanager' | 'kms';

export interface ServiceInfo {
  signingName: string;
  targetPrefix: string;
  /** Suffix of `AWS_ENDPOINT_URL_<X>`, as the AWS SDKs name it. */
  endpointEnvSuffix: string;
}

export const SERVICES: Readonly<Record<ServiceName, ServiceInfo>> = {
  ssm: { signingName: 'ssm', targetPrefix: 'AmazonSSM', endpointEnvSuffix: 'SSM' },
  secretsmanager: {
    signingName: 'secretsmanager',
    targetPrefix: 'secretsmanager',
    endpointEnvSuffix: 'SECRETS_MANAGER',
  },
  kms: { signingName: 'kms', targetPrefix: 'TrentService', endpointEnvSuffix: 'KMS' },
};
