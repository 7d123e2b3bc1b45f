// A minimal stand-in for the Lambda Node.js runtime: loads `$LAMBDA_TASK_ROOT/<module>.mjs` named by
// `$_HANDLER` (INIT), then invokes the exported handler N times with the same event, printing one
// `RESULT <json>` line per invocation (and `ERROR <json>` on failure, exit 1).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [eventJson = '{}', timesText = '1'] = process.argv.slice(2);
const handlerSpec = process.env._HANDLER ?? '';
const dot = handlerSpec.lastIndexOf('.');
const modulePath = join(process.env.LAMBDA_TASK_ROOT ?? '.', `${handlerSpec.slice(0, dot)}.mjs`);
const exportName = handlerSpec.slice(dot + 1);

const initStart = performance.now();
const module = await import(pathToFileURL(modulePath).href);
const handler = module[exportName];
if (typeof handler !== 'function') {
  console.log(`ERROR ${JSON.stringify({ message: `${handlerSpec} is not an exported function` })}`);
  process.exit(1);
}
const initMs = performance.now() - initStart;

const event = JSON.parse(eventJson);
for (let invocation = 1; invocation <= Number(timesText); invocation++) {
  const started = performance.now();
  const context = {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    awsRequestId: `req-${invocation}`,
    getRemainingTimeInMillis: () => 10_000,
  };
  try {
    const response = await handler(event, context);
    const ms = Math.round((performance.now() - started) * 100) / 100;
    console.log(`RESULT ${JSON.stringify({ invocation, initMs: Math.round(initMs), ms, response })}`);
  } catch (error) {
    console.log(`ERROR ${JSON.stringify({ invocation, name: error?.name, message: error?.message })}`);
    process.exit(1);
  }
}
