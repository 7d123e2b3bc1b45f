// hush as a Lambda handler uses it: `defineSecrets` at module scope (prefetch at INIT), values read
// synchronously from the returned set on each invocation.
import { defineSecrets, Hush, withSecrets } from 'hush';

export const label = 'hush';

const definitions = (parameters, secrets) =>
  Object.fromEntries([
    ...parameters.map((name, i) => [`p${i}`, `ssm:${name}`]),
    ...secrets.map((id, i) => [`s${i}`, `secretsmanager:${id}`]),
  ]);

export async function warmUp(parameter, secret) {
  const secrets = defineSecrets(
    { value: `ssm:${parameter}`, secret: `secretsmanager:${secret}` },
    { hush: new Hush() },
  );
  return (await secrets.load()).value.reveal();
}

/** A fresh instance fetches every value, as a cold start does; returns them in order. */
export async function fetchAll(parameters, secrets) {
  const set = defineSecrets(definitions(parameters, secrets), { hush: new Hush() });
  const values = await set.load();
  return [
    ...parameters.map((_, i) => values[`p${i}`].reveal()),
    ...secrets.map((_, i) => values[`s${i}`].reveal()),
  ];
}

/** What a warm invocation does to read one value. */
export async function warmReaders(parameter) {
  const hush = new Hush();
  const secrets = defineSecrets({ db: `ssm:${parameter}` }, { hush });
  await secrets.load();
  const handler = withSecrets(secrets, async (_event, _context, values) => values.db.reveal());
  return {
    'defineSecrets value': { sync: true, read: () => secrets.values.db.reveal() },
    'await resolve()': { sync: false, read: () => hush.resolve(`ssm:${parameter}`) },
    'withSecrets invocation': {
      sync: false,
      read: () => handler({}, { functionName: 'bench' }),
    },
  };
}

/** An invocation through the plain handler path (`await secrets.load()`), primed, with a short TTL. */
export async function primedInvoke(parameter, ttlMs) {
  const secrets = defineSecrets({ db: `ssm:${parameter}` }, { hush: new Hush({ ttlMs, jitter: 0 }) });
  await secrets.load();
  return async () => (await secrets.load()).db.reveal();
}
