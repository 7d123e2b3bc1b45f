import middy from '@middy/core';
import ssm from '@middy/ssm';

export const handler = middy(async (_event, context) => context.db).use(
  ssm({ fetchData: { db: '/bench/p00' }, setToContext: true }),
);
