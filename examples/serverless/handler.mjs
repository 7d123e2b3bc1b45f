// A Lambda handler that reads its secrets through hush, with the plain `withSecrets` wrapper.
import { defineSecrets, withSecrets } from 'hush';

// Module scope: the prefetch starts now, during INIT — one GetParameters for both SSM names and one
// BatchGetSecretValue for the secret, in parallel. Each entry names an env var holding a reference.
const secrets = defineSecrets({
  dbPassword: 'DB_PASSWORD',
  stripeApiKey: 'STRIPE_API_KEY',
  featureFlags: 'FEATURE_FLAGS',
});

export const hello = withSecrets(secrets, async (event, _context, s) => {
  // Secrets print as [REDACTED]: logging them (by accident or not) leaks nothing.
  console.log('secrets for this invocation:', s);
  const password = s.dbPassword.reveal();
  return {
    statusCode: 200,
    body: JSON.stringify({
      greeting: `hello ${event?.name ?? 'world'}`,
      dbPasswordLength: password.length,
      stripeKeyMode: s.stripeApiKey.reveal().startsWith('sk_live_') ? 'live' : 'test',
      featureFlags: s.featureFlags.reveal(),
    }),
  };
});
