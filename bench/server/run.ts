/**
 * `npm run bench:server [-- --requests N --concurrency C --presign --servers null,default,strict]`: GetParameter (SecureString, decrypted) and
 * GetSecretValue against `hush serve` in default mode and in strict mode (full SigV4 verification,
 * one allowed user, IAM evaluated, audit log off because the store is in memory), beside a
 * do-nothing JSON server, all in one run on loopback, the cases interleaved in rounds. Prints
 * throughput, p50, p99 and the servers' RSS, the ratios to issue 7's goals, and writes the figures to
 * bench/results/.
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
  cpuMs,
  fixed,
  percent,
  printTable,
  rssMiB,
  verdict,
  writeResults,
} from '../support/report.js';
import {
  combineRuns,
  type LoadResult,
  type LoadRun,
  type LoadTarget,
  runLoad,
  signingCostMicros,
} from './loadGenerator.js';

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
  /** After the first of the rounds (a tenth of the requests): caches and JIT have settled, so growth past this point is a leak. */
  rssTenthMiB: number;
  rssEndMiB: number;
  /** The server's CPU time per request, measured over this case's own rounds. */
  serverMicros: number;
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

/** A server and operation measured: one row of the table. */
interface Case {
  server: string;
  operation: string;
  load: LoadTarget;
  pid: number | undefined;
  runs: LoadRun[];
  rssStartMiB: number;
  rssTenthMiB: number;
  /** Server CPU time spent during this case's rounds; one server answers both operations of a mode. */
  serverCpuMs: number;
}

/**
 * Every case gets `requests` in ROUNDS slices, taken round-robin over the cases, so that the shared
 * machine's drift falls on every server alike instead of on whichever ran during a busy minute (run
 * one after the other, the do-nothing server alone varied 9,600–12,600 req/s between runs). The
 * first round is the tenth after which memory should hold still.
 */
const ROUNDS = 10;

async function measureInterleaved(cases: Case[]): Promise<void> {
  for (const c of cases) await runLoad(c.load, warmup, concurrency, presign);
  for (const c of cases) c.rssStartMiB = rssMiB(c.pid);
  for (let round = 0; round < ROUNDS; round++) {
    const slice = Math.floor((requests * (round + 1)) / ROUNDS) - Math.floor((requests * round) / ROUNDS);
    for (const c of cases) {
      const cpuBefore = cpuMs(c.pid);
      c.runs.push(await runLoad(c.load, slice, concurrency, presign));
      c.serverCpuMs += cpuMs(c.pid) - cpuBefore;
    }
    if (round === 0) for (const c of cases) c.rssTenthMiB = rssMiB(c.pid);
    console.error(`  round ${round + 1}/${ROUNDS} done`);
  }
}

function rowOf(c: Case): Row {
  const result = combineRuns(c.runs);
  const row = {
    server: c.server,
    operation: c.operation,
    result,
    rssStartMiB: c.rssStartMiB,
    rssTenthMiB: c.rssTenthMiB,
    rssEndMiB: rssMiB(c.pid),
    serverMicros: (c.serverCpuMs * 1000) / requests,
  };
  console.error(`  ${c.server} ${c.operation}: ${fixed(result.perSecond, 0)} req/s`);
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
  const cases: Case[] = [];
  const stops: (() => Promise<unknown>)[] = [];
  const addCase = (server: string, operation: string, load: LoadTarget, pid: number | undefined) =>
    cases.push({
      server,
      operation,
      load,
      pid,
      runs: [],
      rssStartMiB: Number.NaN,
      rssTenthMiB: Number.NaN,
      serverCpuMs: 0,
    });
  console.error(
    `bench:server — ${requests} requests per case in ${ROUNDS} interleaved rounds, concurrency ${concurrency}, loopback`,
  );
  let rows: Row[];
  try {
    if (servers.has('null')) {
      const nullServer = await startNullServer();
      stops.push(async () => nullServer.child.kill('SIGTERM'));
      const [, nullLoad] = loads(nullServer.url, TEST_CREDENTIALS)[0]!;
      addCase('do-nothing', 'JSON {}', nullLoad, nullServer.child.pid);
    }
    for (const mode of ['default', 'strict'] as const) {
      if (!servers.has(mode)) continue;
      const credentials = mode === 'strict' ? STRICT_USER : TEST_CREDENTIALS;
      const server = await startHushServe({
        inMemory: true,
        args: mode === 'strict' ? ['--strict', '--config', strictConfigFile(dir)] : [],
      });
      stops.push(() => server.stop());
      await seed(server.url, credentials);
      for (const [operation, load] of loads(server.url, credentials)) {
        addCase(`hush ${mode}`, operation, load, server.process.pid);
      }
    }
    await measureInterleaved(cases);
    rows = cases.map(rowOf);
  } finally {
    for (const stop of stops) await stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const baseline = rows.find((row) => row.server === 'do-nothing')?.result.perSecond ?? Number.NaN;
  console.log();
  printTable(
    [
      'server',
      'operation',
      'req/s',
      'p50 ms',
      'p99 ms',
      'vs null',
      'server µs/req',
      'fail',
      'RSS MiB start→10%→end',
    ],
    rows.map((row) => [
      row.server,
      row.operation,
      fixed(row.result.perSecond, 0),
      fixed(row.result.p50Ms, 2),
      fixed(row.result.p99Ms, 2),
      percent(row.result.perSecond / baseline),
      fixed(row.serverMicros, 0),
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
