/**
 * The runtime benchmark (issue 4): hush beside Powertools Parameters and Middy, against one
 * `hush serve` in one run. Prints a table per measure, ratios against hush, a one-line summary, and
 * writes every figure to bench/results/runtime-<time>.json.
 *
 *   npm run bench:runtime [-- --runs 20 --fetch-runs 10 --warm-iterations 200000]
 */
import { Agent } from 'node:http';
import { type BenchServer, startBenchServer } from '../support/benchServer.js';
import { argValue, fixed, printTable, verdict, writeResults } from '../support/report.js';
import { send, signedHeaders } from '../support/signedRequest.js';
import { medianAndP90 } from '../support/statistics.js';
import { type Bundle, bundleHandler } from './bundleSize.js';
import { type ColdStart, measureColdStarts } from './coldStart.js';
import { BARE_REQUEST_HANDLER, EMPTY_HANDLER, PEERS } from './peers.js';
import { runProbe } from './probe.js';
import { seed } from './seed.js';

const LATENCY_MS = 20;
const runs = argValue('runs', 20);
const fetchRuns = argValue('fetch-runs', 10);
const warmIterations = argValue('warm-iterations', 200_000);
const REFRESH_TTL_MS = 1000;

interface FetchResult {
  runs: { ms: number; requests: number }[];
}
interface WarmResult {
  readers: Record<string, { sync: boolean; nsPerOp: number }>;
}
interface RefreshResult {
  rounds: { waitMs: number; requests: number }[];
}

/** A child's environment: only what a Lambda would have (no loaders from the parent's NODE_OPTIONS). */
function childEnv(server: BenchServer): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...server.env(),
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    HUSH_CONTROL_URL: server.url,
  };
}

/** One GetParameter with decryption over a warm keep-alive connection: the unit for "round trips". */
async function oneRoundTripMs(server: BenchServer): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const call = {
    url: server.url,
    target: 'AmazonSSM.GetParameter',
    service: 'ssm',
    body: JSON.stringify({ Name: '/bench/p00', WithDecryption: true }),
    credentials: {
      accessKeyId: server.env().AWS_ACCESS_KEY_ID!,
      secretAccessKey: server.env().AWS_SECRET_ACCESS_KEY!,
    },
  };
  const samples: number[] = [];
  for (let i = 0; i < 12; i++) {
    const started = performance.now();
    const answer = await send(call, signedHeaders(call), agent);
    if (answer.status !== 200) throw new Error(`GetParameter failed: ${answer.body}`);
    if (i >= 2) samples.push(performance.now() - started);
  }
  agent.destroy();
  return medianAndP90(samples).median;
}

async function main(): Promise<void> {
  const server = await startBenchServer({ inMemory: true });
  try {
    const data = await seed(server);
    const env = childEnv(server);
    console.log(
      `hush serve at ${server.url}: ${data.parameters.length} SecureString parameters, ${data.secrets.length} secrets\n`,
    );

    // Bundle size.
    const bundles: Record<string, Bundle> = {};
    for (const peer of PEERS) bundles[peer.name] = await bundleHandler(peer.name, peer.handler);
    for (const peer of PEERS.filter((p) => p.name !== 'hush')) {
      bundles[`${peer.name} (@aws-sdk external)`] = await bundleHandler(
        `${peer.name}-sdk-external`,
        peer.handler,
        ['@aws-sdk/*'],
      );
    }
    bundles.empty = await bundleHandler('empty', EMPTY_HANDLER);

    // Cold start, whole process, bundled and straight from node_modules.
    console.log(`cold start: ${runs} runs per handler…`);
    const handlers: Record<string, string> = {
      empty: bundles.empty.file,
      'bare request': BARE_REQUEST_HANDLER,
    };
    for (const peer of PEERS) {
      handlers[`${peer.name} bundled`] = bundles[peer.name]!.file;
      handlers[`${peer.name} node_modules`] = peer.handler;
    }
    const cold = await measureColdStarts(handlers, data.expected[0]!, env, runs);

    // 70 values at cold start, with no injected latency (what the server's own work costs) and with
    // 20 ms on every call. Each run is a fresh process's first fetch; runs go round-robin over the
    // peers so that the shared machine's drift hits them alike.
    const latency = `latency=${LATENCY_MS}ms`;
    console.log(`50 parameters + 20 secrets: ${fetchRuns} processes per peer, at 0 and at ${LATENCY_MS} ms…`);
    const fetchesNoLatency: Record<string, FetchResult> = {};
    const fetches: Record<string, FetchResult> = {};
    const fetchRound = async (into: Record<string, FetchResult>) => {
      for (const peer of PEERS) {
        const result = await runProbe<FetchResult>(
          peer.name,
          'fetch',
          { ...data, iterations: 1 },
          env,
          server,
        );
        into[peer.name] = { runs: [...(into[peer.name]?.runs ?? []), ...result.runs] };
      }
    };
    for (let round = 0; round < fetchRuns; round++) {
      await fetchRound(fetchesNoLatency);
      await server.addFaults([latency]);
      await fetchRound(fetches);
      await server.clearFaults();
    }

    // The wait at TTL expiry, with 20 ms on every call.
    await server.addFaults([latency]);
    const roundTrip = await oneRoundTripMs(server);
    console.log(`one round trip with ${LATENCY_MS} ms injected latency: ${fixed(roundTrip)} ms`);
    const refreshes: Record<string, RefreshResult> = {};
    for (const peer of PEERS) {
      console.log(`${peer.name}: first invocation after the TTL, 3 rounds…`);
      refreshes[peer.name] = await runProbe<RefreshResult>(
        peer.name,
        'refresh',
        {
          parameter: data.parameters[0],
          expected: data.expected[0],
          ttlMs: REFRESH_TTL_MS,
          rounds: 3,
          settleMs: 150,
        },
        env,
        server,
      );
    }
    await server.clearFaults();

    // Warm access.
    const warm: Record<string, WarmResult> = {};
    for (const peer of PEERS) {
      warm[peer.name] = await runProbe<WarmResult>(
        peer.name,
        'warm',
        { parameter: data.parameters[0], expected: data.expected[0], iterations: warmIterations },
        env,
        server,
      );
    }

    const figures = report({ bundles, cold, roundTrip, fetches, fetchesNoLatency, refreshes, warm });
    const file = writeResults('runtime', {
      runs,
      fetchRuns,
      warmIterations,
      latencyMs: LATENCY_MS,
      ...figures,
    });
    console.log(`\nresults: ${file}`);
  } finally {
    await server.stop();
    server.cleanup();
  }
}

interface Figures {
  bundles: Record<string, Bundle>;
  cold: Record<string, ColdStart>;
  roundTrip: number;
  fetches: Record<string, FetchResult>;
  fetchesNoLatency: Record<string, FetchResult>;
  refreshes: Record<string, RefreshResult>;
  warm: Record<string, WarmResult>;
}

const KB = 1000;
const ratio = (other: number, hush: number) => `${fixed(other / hush, 2)}×`;

function report(f: Figures) {
  const hushCold = f.cold['hush bundled']!.median;
  const hushColdModules = f.cold['hush node_modules']!.median;
  const floor = f.cold.empty!.median;
  // The peers' bundled cold starts: what both the floor line and the cold-start goal compare with.
  const peersCold = PEERS.filter((p) => p.name !== 'hush').map((p) => f.cold[`${p.name} bundled`]!.median);
  console.log(
    '\nCold start to first value (spawn node → value printed; ms; "above node" = minus the empty handler)',
  );
  printTable(
    ['handler', 'median', 'p90', 'import', 'above node', 'vs hush', 'above node vs hush'],
    Object.entries(f.cold).map(([name, c]) => {
      const hush = name.endsWith('node_modules')
        ? hushColdModules
        : name.endsWith('bundled')
          ? hushCold
          : undefined;
      return [
        name,
        fixed(c.median),
        fixed(c.p90),
        fixed(c.importMs),
        fixed(c.median - floor),
        hush === undefined ? '' : ratio(c.median, hush),
        hush === undefined ? '' : ratio(c.median - floor, hush - floor),
      ];
    }),
  );

  // How much room the cold-start goal leaves a library over the least any first value costs.
  const bare = f.cold['bare request']!.median;
  const fasterPeer = Math.min(...peersCold);
  console.log(
    `The bare request is ${fixed(bare - floor)} ms above node and ${ratio(fasterPeer, bare)} faster than the faster bundled peer. ` +
      `hush bundled spends ${fixed(hushCold - bare)} ms more; 2.5× would leave a library ${fixed(fasterPeer / 2.5 - bare)} ms.`,
  );

  console.log('\nBundle size (esbuild, ESM, minified, all dependencies)');
  printTable(
    ['handler', 'KB', 'gzip KB', 'vs hush'],
    Object.entries(f.bundles).map(([name, b]) => [
      name,
      fixed(b.bytes / KB),
      fixed(b.gzipBytes / KB),
      name === 'empty' ? '' : ratio(b.bytes, f.bundles.hush!.bytes),
    ]),
  );

  const largest = f.bundles.hush!.largestInputs.map(([input, bytes]) => `${input} ${fixed(bytes / KB)}`);
  console.log(`hush's largest inputs (KB): ${largest.join(', ')}`);

  const fetchSummary = Object.fromEntries(
    Object.entries(f.fetches).map(([name, r]) => {
      const ms = medianAndP90(r.runs.map((run) => run.ms));
      const requests = medianAndP90(r.runs.map((run) => run.requests)).median;
      const noLatencyMs = medianAndP90(f.fetchesNoLatency[name]!.runs.map((run) => run.ms)).median;
      return [
        name,
        {
          ...ms,
          requests,
          noLatencyMs,
          roundTrips: ms.median / f.roundTrip,
          latencyWaits: (ms.median - noLatencyMs) / LATENCY_MS,
        },
      ];
    }),
  );
  console.log(
    `\n50 parameters + 20 secrets from a fresh instance (one round trip with ${LATENCY_MS} ms = ${fixed(f.roundTrip)} ms;` +
      ` "latency waits" = (ms at ${LATENCY_MS} ms − ms at 0) / ${LATENCY_MS} ms)`,
  );
  printTable(
    [
      'peer',
      'ms at 0',
      `ms at ${LATENCY_MS}`,
      `p90 at ${LATENCY_MS}`,
      'requests',
      'latency waits',
      'wall / 1 RT',
      'vs hush',
    ],
    Object.entries(fetchSummary).map(([name, s]) => [
      name,
      fixed(s.noLatencyMs),
      fixed(s.median),
      fixed(s.p90),
      String(s.requests),
      fixed(s.latencyWaits, 2),
      fixed(s.roundTrips, 2),
      ratio(s.median, fetchSummary.hush!.median),
    ]),
  );

  const warmRows = Object.entries(f.warm).flatMap(([name, w]) =>
    Object.entries(w.readers).map(([reader, r]) => [
      name,
      reader,
      r.sync ? 'sync' : 'async',
      fixed(r.nsPerOp, 0),
    ]),
  );
  const hushWarm = f.warm.hush!.readers['defineSecrets value']!.nsPerOp;
  console.log('\nWarm access per call (value already cached; ns/op, median of 5 rounds)');
  printTable(['peer', 'read', 'kind', 'ns/op'], warmRows);

  const refreshSummary = Object.fromEntries(
    Object.entries(f.refreshes).map(([name, r]) => {
      const wait = medianAndP90(r.rounds.map((round) => round.waitMs));
      const requests = medianAndP90(r.rounds.map((round) => round.requests)).median;
      return [name, { ...wait, requests, blockingRoundTrips: Math.round(wait.median / f.roundTrip) }];
    }),
  );
  console.log(`\nFirst invocation after the TTL (${REFRESH_TTL_MS} ms) expired, ${LATENCY_MS} ms per call`);
  printTable(
    ['peer', 'wait median ms', 'wait max ms', 'refresh requests', 'blocking RTs'],
    Object.entries(refreshSummary).map(([name, s]) => [
      name,
      fixed(s.median, 2),
      fixed(Math.max(...f.refreshes[name]!.rounds.map((r) => r.waitMs)), 2),
      String(s.requests),
      String(s.blockingRoundTrips),
    ]),
  );

  const coldRatios = peersCold.map((median) => median / hushCold);
  const goals = [
    verdict(
      Math.min(...coldRatios) >= 2.5,
      `cold start ${coldRatios.map((r) => `${fixed(r, 2)}×`).join('/')} faster (goal ≥ 2.5×)`,
    ),
    verdict(f.bundles.hush!.bytes <= 25 * KB, `bundle ${fixed(f.bundles.hush!.bytes / KB)} KB (≤ 25 KB)`),
    verdict(
      fetchSummary.hush!.roundTrips <= 1.5,
      `70 values in ${fixed(fetchSummary.hush!.roundTrips, 2)} RT (≤ 1.5)`,
    ),
    verdict(hushWarm <= 100, `warm ${fixed(hushWarm, 0)} ns (≤ 100 ns)`),
    verdict(
      refreshSummary.hush!.blockingRoundTrips === 0,
      `${refreshSummary.hush!.blockingRoundTrips} blocking RT at refresh (0)`,
    ),
  ];
  console.log(`\nSummary: ${goals.join('; ')}`);
  return {
    cold: f.cold,
    bundles: f.bundles,
    roundTripMs: f.roundTrip,
    fetch: fetchSummary,
    fetchSamples: f.fetches,
    fetchSamplesNoLatency: f.fetchesNoLatency,
    warm: f.warm,
    refresh: refreshSummary,
    refreshRounds: f.refreshes,
    goals,
  };
}

await main();
