// Invokes an example function the way Lambda would, against `hush serve`: reads the function's
// handler and environment from serverless.yml or template.yaml, then runs it in a child process whose
// environment is only what Lambda provides (function name, region, credentials, _HANDLER,
// LAMBDA_TASK_ROOT) plus the function's own variables and AWS_ENDPOINT_URL pointing at the server.
//
//   node examples/invoke.mjs serverless hello [--event '{"name":"ada"}'] [--times 2]
//   node examples/invoke.mjs sam OrdersFunction
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { event: { type: 'string', default: '{}' }, times: { type: 'string', default: '2' } },
});
const [framework, functionId] = positionals;
if (!['serverless', 'sam'].includes(framework ?? '') || !functionId) {
  console.error('usage: node examples/invoke.mjs serverless|sam FUNCTION [--event JSON] [--times N]');
  process.exit(2);
}

const fn = framework === 'serverless' ? serverlessFunction(functionId) : samFunction(functionId);
const region = process.env.AWS_REGION || fn.region || 'us-east-1';
const lambdaEnv = {
  PATH: process.env.PATH ?? '',
  ...fn.environment,
  _HANDLER: fn.handler,
  LAMBDA_TASK_ROOT: fn.root,
  AWS_LAMBDA_FUNCTION_NAME: fn.name,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
  AWS_REGION: region,
  AWS_DEFAULT_REGION: region,
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID || 'test',
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY || 'test',
  AWS_SESSION_TOKEN: process.env.AWS_SESSION_TOKEN || 'hush-example-session',
  AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL || 'http://127.0.0.1:4566',
};
const child = spawn(process.execPath, [join(here, 'lambdaRuntime.mjs'), values.event, values.times], {
  env: lambdaEnv,
  stdio: 'inherit',
});
child.on('exit', (code) => process.exit(code ?? 1));

function serverlessFunction(id) {
  const root = join(here, 'serverless');
  const config = parse(readFileSync(join(root, 'serverless.yml'), 'utf8'));
  const fn = config.functions?.[id];
  if (!fn) fail(`no function "${id}" in serverless.yml`);
  const stage = config.provider?.stage ?? 'dev';
  return {
    root,
    handler: fn.handler,
    name: fn.name ?? `${config.service}-${stage}-${id}`,
    region: config.provider?.region,
    environment: { ...config.provider?.environment, ...fn.environment },
  };
}

function samFunction(id) {
  const root = join(here, 'sam');
  // CloudFormation's short-form tags (!Sub, !Ref…) are kept as plain values; only env vars matter here.
  const text = readFileSync(join(root, 'template.yaml'), 'utf8');
  const template = parse(text, { logLevel: 'error' });
  const resource = template.Resources?.[id];
  if (resource?.Type !== 'AWS::Serverless::Function')
    fail(`no AWS::Serverless::Function "${id}" in template.yaml`);
  const globals = template.Globals?.Function ?? {};
  const props = resource.Properties;
  return {
    root: join(root, props.CodeUri ?? '.'),
    handler: props.Handler ?? globals.Handler,
    name: props.FunctionName ?? id,
    region: undefined,
    environment: { ...globals.Environment?.Variables, ...props.Environment?.Variables },
  };
}

function fail(message) {
  console.error(message);
  process.exit(2);
}
