// A Lambda handler that reads its secrets through hush's Middy middleware.
import middy from '@middy/core';
import { defineSecrets } from 'hush';
import { hushSecrets } from 'hush/middy';

// Module scope: the prefetch starts during INIT. Entries may be env var names or references.
const secrets = defineSecrets({
  dbPassword: 'DB_PASSWORD',
  dbConfig: 'DB_CONFIG',
  region: 'ssm:/hush-example/dev/region',
  allowedOrigins: 'ALLOWED_ORIGINS',
});

const orders = async (event, context) => {
  const { dbPassword, dbConfig, region, allowedOrigins } = context.secrets;
  console.log('db config (redacted):', dbConfig, `password: ${dbPassword}`);
  const config = dbConfig.reveal();
  return {
    statusCode: 200,
    body: JSON.stringify({
      orderId: event?.orderId ?? null,
      connectTo: `${config.username}@${config.host}:${config.port}`,
      region: region.reveal(),
      allowedOrigins: allowedOrigins.reveal(),
      dbPasswordLength: dbPassword.reveal().length,
    }),
  };
};

export const handler = middy(orders).use(hushSecrets(secrets));
