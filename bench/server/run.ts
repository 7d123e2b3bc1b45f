/**
 * `npm run bench:server [-- --requests N --concurrency C --presign --servers null,default,strict]`: GetParameter (SecureString, decrypted) and
 * GetSecretValue against `hush serve` in default mode and in strict mode (full SigV4 verification,
 * one allowed user, IAM evaluated, audit log off because the store is in memory), beside a
 * do-nothing JSON server, all in one run on loopback. Prints throughput, p50, p99 and the servers'
 * RSS, the ratios to issue 7's goals, and writes the figures to bench/results/.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startHushServe, TEST_CREDENTIALS } from '../../packages/server/test/support/hushServe.js';
import {
  argValue,
  BENCH_DIR,
  fixed,
  percent,
  printTable,
  rssMiB,
  verdict,
  writeResults,
} from '../support/report.js';
import { type LoadResult, type LoadTarget, runLoad, signingCostMicros } from './loadGenerator.js';

const requests = argValue('requests', 100_000);
const concurrency = argValue('concurrency', 16);
const warmup = Math.min(2_000, requests);
const presign = process.argv.includes('--presign');
const serversFlag = process.argv.indexOf('--servers');
const servers = new Set(
  (serversFlag === -1 ? 'null,default,strict' : (process.argv[serversFlag + 1] ?? '')).split(','),
);

const STRICT_USER = { accessKeyId: 'AKIAHUSHBENCH', secretAccessKey: 'hush-bench-secret' };
const PARAMETER = '/bench/db/password';
const SECRET = 'bench/api-key';

interface Row {
  server: string;
  operation: string;
  result: LoadResult;
  rssStartMiB: number;
  /** After a tenth of the requests: caches and JIT have settled, so growth past this point is a leak. */
  rssTenthMiB: number;
  rssEndMiB: number;
}

function strictConfigFile(dir: string): string {
  const file = join(dir, 'strict.json');
  const allow = { Effect: 'Allow', Action: ['ssm:*', 'secretsmanager:*', 'kms:*'], Resource: '*' };
  writeFileSync(
    file,
    JSON.stringify({
      accountId: '000000000000',
      users: [
        {
          name: 'bench',
          accessKeys: [STRICT_USER],
          policies: [{ name: 'bench', document: { Version: '2012-10-17', Statement: [allow] } }],
        },
      ],
    }),
  );
  return file;
}

async function seed(url: string, credentials: typeof STRICT_USER): Promise<void> {
  const config = { endpoint: url, region: 'us-east-1', credentials };
  await new SSMClient(config).send(
    new PutParameterCommand({ Name: PARAMETER, Type: 'SecureString', Value: 'correct-horse-battery-staple' }),
  );
  await new SecretsManagerClient(config).send(
    new CreateSecretCommand({ Name: SECRET, SecretString: '{"apiKey":"k-0123456789abcdef"}' }),
  );
}

const loads = (url: string, credentials: typeof STRICT_USER): [string, LoadTarget][] => [
  [
    'GetParameter (SecureString)',
    {
      url,
      credentials,
      service: 'ssm',
      target: 'AmazonSSM.GetParameter',
      body: JSON.stringify({ Name: PARAMETER, WithDecryption: true }),
    },
  ],
  [
    'GetSecretValue',
    {
      url,
      credentials,
      service: 'secretsmanager',
      target: 'secretsmanager.GetSecretValue',
      body: JSON.stringify({ SecretId: SECRET }),
    },
  ],
];

async function measure(server: string, operation: string, load: LoadTarget, pid: number | undefined) {
  await runLoad(load, warmup, concurrency, presign);
  const rssStartMiB = rssMiB(pid);
  let rssTenthMiB = Number.NaN;
  const tenth = Math.ceil(requests / 10);
  const result = await runLoad(load, requests, concurrency, presign, (completed) => {
    if (completed === tenth) rssTenthMiB = rssMiB(pid);
  });
  const row: Row = { server, operation, result, rssStartMiB, rssTenthMiB, rssEndMiB: rssMiB(pid) };
  console.error(`  ${server} ${operation}: ${fixed(result.perSecond, 0)} req/s`);
  return row;
}

function startNullServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, 'server/nullServer.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve({ url: match[1], child });
    });
    child.once('exit', (code) => reject(new Error(`null server exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hush-bench-'));
  const rows: Row[] = [];
  console.error(`bench:server — ${requests} requests per case, concurrency ${concurrency}, loopback`);
  try {
    if (servers.has('null')) {
      const nullServer = await startNullServer();
      const [, nullLoad] = loads(nullServer.url, TEST_CREDENTIALS)[0]!;
      rows.push(await measure('do-nothing', 'JSON {}', nullLoad, nullServer.child.pid));
      nullServer.child.kill('SIGTERM');
    }

    for (const mode of ['default', 'strict'] as const) {
      if (!servers.has(mode)) continue;
      const credentials = mode === 'strict' ? STRICT_USER : TEST_CREDENTIALS;
      const server = await startHushServe({
        inMemory: true,
        args: mode === 'strict' ? ['--strict', '--config', strictConfigFile(dir)] : [],
      });
      try {
        await seed(server.url, credentials);
        for (const [operation, load] of loads(server.url, credentials)) {
          rows.push(await measure(`hush ${mode}`, operation, load, server.process.pid));
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const baseline = rows.find((row) => row.server === 'do-nothing')?.result.perSecond ?? Number.NaN;
  console.log();
  printTable(
    ['server', 'operation', 'req/s', 'p50 ms', 'p99 ms', 'vs null', 'fail', 'RSS MiB start→10%→end'],
    rows.map((row) => [
      row.server,
      row.operation,
      fixed(row.result.perSecond, 0),
      fixed(row.result.p50Ms, 2),
      fixed(row.result.p99Ms, 2),
      percent(row.result.perSecond / baseline),
      String(row.result.failures),
      `${fixed(row.rssStartMiB)}→${fixed(row.rssTenthMiB)}→${fixed(row.rssEndMiB)}`,
    ]),
    2,
  );
  const signMicros = signingCostMicros(loads('http://127.0.0.1:1', STRICT_USER)[0]![1]);
  console.log(
    presign
      ? `\nRequests were pre-signed once per case (aws4; signing would cost ${fixed(signMicros)} µs each on the client).`
      : `\nRequests are signed per request with aws4 (${fixed(signMicros)} µs each on the client, the same for every server).`,
  );
  const strictRows = rows.filter((row) => row.server === 'hush strict');
  if (strictRows.length === 0) return;
  const worst = strictRows.reduce((a, b) => (a.result.perSecond < b.result.perSecond ? a : b));
  const worstP99 = Math.max(...strictRows.map((row) => row.result.p99Ms));
  const failures = rows.reduce((sum, row) => sum + row.result.failures, 0);
  console.log('Goals (issue 7, strict mode, worst case):');
  console.log(
    `  ${verdict(worst.result.perSecond >= 5000, `${fixed(worst.result.perSecond, 0)} req/s ≥ 5000`)}`,
  );
  console.log(`  ${verdict(worstP99 <= 10, `p99 ${fixed(worstP99, 2)} ms ≤ 10 ms`)}`);
  const share = worst.result.perSecond / baseline;
  console.log(`  ${verdict(share >= 0.6, `${percent(share)} of the do-nothing server ≥ 60%`)}`);
  const growth = Math.max(...strictRows.map((row) => row.rssEndMiB - row.rssTenthMiB));
  console.log(
    `  RSS growth after the first 10% of a case: ${fixed(growth)} MiB over ${requests} requests (the goal's check: --requests 1000000)`,
  );
  const file = writeResults('server', { requests, concurrency, presign, signMicros, rows });
  console.log(
    `\nSummary: strict hush ${fixed(worst.result.perSecond, 0)} req/s (${percent(share)} of do-nothing), p99 ≤ ${fixed(worstP99, 2)} ms, ${failures} failed requests; results in ${file}`,
  );
}

await main();
