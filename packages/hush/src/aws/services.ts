/**
 * The three AWS services hush speaks. Each one's SigV4 signing name and endpoint prefix is its name
 * here.
 */
export type ServiceName = 'ssm' | 'secretsmanager' | 'kms';

/** The JSON 1.1 target prefix of each service's operations (`AmazonSSM.GetParameters`). */
export const TARGET_PREFIX: Readonly<Record<ServiceName, string>> = {
  ssm: 'AmazonSSM',
  secretsmanager: 'secretsmanager',
  kms: 'TrentService',
};

/** The suffix of `AWS_ENDPOINT_URL_<X>`, as the AWS SDKs name it. */
export const ENDPOINT_ENV_SUFFIX: Readonly<Record<ServiceName, string>> = {
  ssm: 'SSM',
  secretsmanager: 'SECRETS_MANAGER',
  kms: 'KMS',
};
