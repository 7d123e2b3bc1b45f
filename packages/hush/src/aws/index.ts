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
export { SERVICES, type ServiceName } from './services.js';
