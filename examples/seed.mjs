// Puts the parameters and secrets the examples reference into the server the environment points at
// (default: `hush serve` on http://127.0.0.1:4566). Safe to run again: it overwrites. It uses hush's
// own signed client, so no AWS SDK is needed; unlike the SDK, it must supply ClientRequestToken itself.
import { randomUUID } from 'node:crypto';
import { AwsJsonClient, AwsServiceError } from 'hush/aws';

const env = {
  AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  ...process.env,
};
const aws = new AwsJsonClient({ env });

const parameters = [
  ['/hush-example/dev/db/password', 'SecureString', 'correct-horse-battery-staple'],
  ['/hush-example/dev/features', 'StringList', 'checkout,search,beta-banner'],
  ['/hush-example/dev/origins', 'StringList', 'https://shop.example.com,https://admin.example.com'],
  ['/hush-example/dev/region', 'String', 'us-east-1'],
];
const secrets = [
  ['hush-example/dev/stripe', JSON.stringify({ apiKey: 'sk_test_hush_example_0001' })],
  [
    'hush-example/dev/db-config',
    JSON.stringify({ username: 'orders', host: 'db.internal', port: 5432, password: 'unused-here' }),
  ],
];

for (const [Name, Type, Value] of parameters) {
  await aws.call('ssm', 'PutParameter', { Name, Type, Value, Overwrite: true });
}
for (const [Name, SecretString] of secrets) {
  try {
    await aws.call('secretsmanager', 'CreateSecret', {
      Name,
      SecretString,
      ClientRequestToken: randomUUID(),
    });
  } catch (error) {
    if (!(error instanceof AwsServiceError && error.code === 'ResourceExistsException')) throw error;
    await aws.call('secretsmanager', 'PutSecretValue', {
      SecretId: Name,
      SecretString,
      ClientRequestToken: randomUUID(),
    });
  }
}
console.log(`seeded ${parameters.length} parameters and ${secrets.length} secrets`);
