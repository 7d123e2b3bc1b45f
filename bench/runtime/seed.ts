/** The data every runtime scenario reads: 50 SecureString parameters and 20 secrets. */
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import type { HushServe } from '../support/benchServer.js';

export interface Seed {
  parameters: string[];
  secrets: string[];
  /** Values in the order parameters then secrets. */
  expected: string[];
}

const two = (i: number) => String(i).padStart(2, '0');

export async function seed(server: HushServe, parameterCount = 50, secretCount = 20): Promise<Seed> {
  const ssm = server.ssm();
  const secretsManager = server.secretsManager();
  const parameters = Array.from({ length: parameterCount }, (_, i) => `/bench/p${two(i)}`);
  const secrets = Array.from({ length: secretCount }, (_, i) => `bench/s${two(i)}`);
  await Promise.all(
    parameters.map((Name, i) =>
      ssm.send(new PutParameterCommand({ Name, Value: `value-${two(i)}`, Type: 'SecureString' })),
    ),
  );
  await Promise.all(
    secrets.map((Name, i) =>
      secretsManager.send(new CreateSecretCommand({ Name, SecretString: `secret-${two(i)}` })),
    ),
  );
  return {
    parameters,
    secrets,
    expected: [...parameters.map((_, i) => `value-${two(i)}`), ...secrets.map((_, i) => `secret-${two(i)}`)],
  };
}
