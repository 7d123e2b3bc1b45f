/**
 * Runs one step of a rotation function written as a JavaScript module, in its own process (as
 * Lambda runs it apart from Secrets Manager), with the environment the server prepared:
 * `AWS_ENDPOINT_URL` pointing back at the server, the secret's region, and credentials.
 *
 *   node moduleRunner.js <module-url> <event-json>
 *
 * Exit 0: the step succeeded. Otherwise the first stderr line names the error (its class name
 * only: the server never prints a function's messages, which might quote a secret).
 */
const [moduleUrl, eventJson] = process.argv.slice(2);

async function main(): Promise<number> {
  const loaded = (await import(moduleUrl!)) as { handler?: unknown; default?: { handler?: unknown } };
  const handler = loaded.handler ?? loaded.default?.handler;
  if (typeof handler !== 'function') {
    process.stderr.write('NoHandlerExported\n');
    return 2;
  }
  const event = JSON.parse(eventJson!) as { ClientRequestToken: string };
  const context = { functionName: 'hush-rotation', awsRequestId: event.ClientRequestToken };
  try {
    await (handler as (event: unknown, context: unknown) => unknown)(event, context);
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error)?.name ?? 'Error'}\n`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error)?.name ?? 'Error'}\n`);
    process.exit(2);
  },
);
