// Powertools for AWS Lambda (TypeScript) v2, Parameters utility, as its documentation shows it:
// getParametersByName for SSM (decrypted), getSecret per secret, getParameter per read.
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';

export const label = '@aws-lambda-powertools/parameters';

export async function warmUp(parameter, secret) {
  await new SecretsProvider().get(secret);
  return new SSMProvider().get(parameter, { decrypt: true });
}

export async function fetchAll(parameters, secrets) {
  const ssm = new SSMProvider();
  const secretsProvider = new SecretsProvider();
  const [byName, ...secretValues] = await Promise.all([
    ssm.getParametersByName(Object.fromEntries(parameters.map((name) => [name, {}])), { decrypt: true }),
    ...secrets.map((id) => secretsProvider.get(id)),
  ]);
  return [...parameters.map((name) => byName[name]), ...secretValues];
}

export async function warmReaders(parameter) {
  const ssm = new SSMProvider();
  await ssm.get(parameter, { decrypt: true });
  return {
    'await get() (cached)': { sync: false, read: () => ssm.get(parameter, { decrypt: true }) },
  };
}

export async function primedInvoke(parameter, ttlMs) {
  const ssm = new SSMProvider();
  const maxAge = ttlMs / 1000;
  await ssm.get(parameter, { decrypt: true, maxAge });
  return () => ssm.get(parameter, { decrypt: true, maxAge });
}
