import { readFileSync } from 'node:fs';
import { parseFaultSpec } from '@hush/server/faults';
import { type Command, InvalidArgumentError } from 'commander';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('must be an integer from 0 to 65535');
  }
  return port;
}

export function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** Checks one `--fault` spec as it is read and collects the repeats. */
export function collectFault(value: string, previous: string[] = []): string[] {
  try {
    parseFaultSpec(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  return [...previous, value];
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run a local SSM Parameter Store, Secrets Manager and KMS endpoint (AWS JSON 1.1).')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', parsePort, 4566)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('-d, --data-dir <dir>', 'directory that keeps the store and the master key', './.hush')
    .option('--in-memory', 'keep nothing on disk', false)
    .option('--account-id <id>', 'the AWS account id the server answers as', '000000000000')
    .option(
      '--rate-limit <n>',
      'requests per second allowed per access key (ThrottlingException beyond)',
      parsePositive,
    )
    .option('--max-connections <n>', 'open connections accepted at once', parsePositive, 1024)
    .option('--strict', 'verify SigV4 and enforce IAM policies (needs --config)', false)
    .option(
      '--config <file>',
      'strict-mode users, roles, access keys and policies (YAML or JSON); implies --strict',
    )
    .option('--audit-log <file>', 'where the audit log goes (default: <data-dir>/audit.log)')
    .option(
      '--fault <spec>',
      'inject a fault, repeatable: [TARGET:]latency=20ms | throttle[=p] | error[=500|503] [,count=N][,p=0..1]; ' +
        'also GET/POST/DELETE /_hush/faults, GET /_hush/stats',
      collectFault,
    )
    .addHelpText(
      'after',
      `
Point the AWS SDK or CLI at it:
  export AWS_ENDPOINT_URL=http://127.0.0.1:4566 AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
  aws ssm put-parameter --name /demo/password --type SecureString --value s3cret
(AWS CLI v2 before 2.13 ignores AWS_ENDPOINT_URL: add --endpoint-url http://127.0.0.1:4566.)`,
    )
    .action(
      async (options: {
        port: number;
        host: string;
        dataDir: string;
        inMemory: boolean;
        accountId: string;
        rateLimit?: number;
        maxConnections: number;
        strict: boolean;
        config?: string;
        auditLog?: string;
        fault?: string[];
      }) => {
        if (!/^\d{12}$/.test(options.accountId)) {
          throw new InvalidArgumentError('--account-id must be 12 digits');
        }
        if (options.strict && options.config === undefined) {
          throw new InvalidArgumentError(
            '--strict needs --config <file> naming the users, roles and their policies',
          );
        }
        // The server (with SQLite) and the YAML parser load only when `serve` runs: every other
        // command starts without them (about 190 ms of a CLI start-up).
        const [{ startServer }, yaml] = await Promise.all([
          import('@hush/server'),
          options.config === undefined ? undefined : import('yaml'),
        ]);
        // YAML is a superset of JSON, so one parser reads both.
        const auth =
          options.config === undefined ? undefined : yaml?.parse(readFileSync(options.config, 'utf8'));
        const server = await startServer({
          port: options.port,
          host: options.host,
          dataDir: options.dataDir,
          inMemory: options.inMemory,
          accountId: options.accountId,
          maxConnections: options.maxConnections,
          ...(options.rateLimit ? { rateLimit: { perSecond: options.rateLimit } } : {}),
          ...(auth === undefined ? {} : { auth }),
          ...(options.auditLog === undefined ? {} : { auditLog: options.auditLog }),
          ...(options.fault === undefined ? {} : { faults: options.fault }),
        });
        const where = `${options.inMemory ? 'in memory' : `data in ${options.dataDir}`}${auth === undefined ? '' : ', strict'}`;
        process.stdout.write(`hush serve listening on ${server.url} (${where})\n`);
        await new Promise<void>((resolve) => {
          const stop = (signal: NodeJS.Signals) => {
            process.stdout.write(`hush serve: ${signal}, finishing in-flight requests\n`);
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void server.close().then(resolve);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      },
    );
}
