export { AttemptTimeout } from './attemptTimeout.js';
export {
  AwsJsonClient,
  type AwsJsonClientOptions,
  type CallOptions,
  type CredentialsProvider,
} from './awsJsonClient.js';
export { AwsServiceError } from './awsServiceError.js';
export {
  type AwsCredentials,
  credentialsFromEnv,
  type Env,
  endpointFromEnv,
  regionFromEnv,
} from './environment.js';
export { ENDPOINT_ENV_SUFFIX, type ServiceName, TARGET_PREFIX } from './services.js';
