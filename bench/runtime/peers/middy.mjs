// Middy v6 with @middy/ssm and @middy/secrets-manager, values set on the context, prefetched at INIT
// (Middy's default). Each instance gets its own cache key so that no run reuses another's cache.
import middy from '@middy/core';
import secretsManager from '@middy/secrets-manager';
import ssm from '@middy/ssm';

export const label = '@middy/ssm + @middy/secrets-manager';

let instances = 0;
const context = () => ({ functionName: 'bench' });

function handlerFor(parameters, secrets, cacheExpiry = -1) {
  const id = ++instances;
  const handler = middy(async (_event, ctx) => ctx).use(
    ssm({
      fetchData: Object.fromEntries(parameters.map((name, i) => [`p${i}`, name])),
      setToContext: true,
      cacheKey: `bench-ssm-${id}`,
      cacheExpiry,
    }),
  );
  if (secrets.length > 0) {
    handler.use(
      secretsManager({
        fetchData: Object.fromEntries(secrets.map((name, i) => [`s${i}`, name])),
        setToContext: true,
        cacheKey: `bench-sm-${id}`,
        cacheExpiry,
      }),
    );
  }
  return handler;
}

export async function warmUp(parameter, secret) {
  const ctx = await handlerFor([parameter], [secret])({}, context());
  return ctx.p0;
}

export async function fetchAll(parameters, secrets) {
  const ctx = await handlerFor(parameters, secrets)({}, context());
  return [...parameters.map((_, i) => ctx[`p${i}`]), ...secrets.map((_, i) => ctx[`s${i}`])];
}

export async function warmReaders(parameter) {
  const handler = middy(async (_event, ctx) => ctx.p0).use(
    ssm({ fetchData: { p0: parameter }, setToContext: true, cacheKey: `bench-ssm-${++instances}` }),
  );
  await handler({}, context());
  return { 'invocation (cached)': { sync: false, read: () => handler({}, context()) } };
}

export async function primedInvoke(parameter, ttlMs) {
  const handler = handlerFor([parameter], [], ttlMs);
  await handler({}, context());
  return async () => (await handler({}, context())).p0;
}
