// Runs one measurement for one peer in a fresh Node process and prints one JSON line:
//   node probe.mjs <peer> fetch   {"parameters": [...], "secrets": [...], "expected": [...], "iterations": N}
//   node probe.mjs <peer> warm    {"parameter": "/p", "expected": "v", "iterations": N}
//   node probe.mjs <peer> refresh {"parameter": "/p", "expected": "v", "ttlMs": N, "rounds": N}
// Round trips are counted by hush serve, not by the peer. The parent resets and reads that count
// when asked over the IPC channel it opened: a fetch() from this process would load undici into the
// measured process just before the timer starts, and the first fetch timed after it paid for
// collecting that garbage (about 3 ms of hush's 70-value run at 20 ms latency, 12 interleaved runs).
const [peerName, scenario, argsJson] = process.argv.slice(2);
const args = JSON.parse(argsJson ?? '{}');
const peer = await import(`./peers/${peerName}.mjs`);

const ask = (command) =>
  new Promise((resolve) => {
    process.once('message', resolve);
    process.send(command);
  });
const stats = () => ask('count');
const resetStats = () => ask('reset');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const check = (got, expected, what) => {
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    throw new Error(`${peerName} ${what}: wrong value (got ${JSON.stringify(got)?.slice(0, 80)})`);
  }
};

async function fetchScenario() {
  // Loads the peer's code for both services and its credentials once (a value of each), so the runs
  // below time the fetching rather than the module loading the cold-start measure already covers.
  await peer.warmUp(args.parameters[0], args.secrets[0]);
  const runs = [];
  for (let i = 0; i < args.iterations; i++) {
    await resetStats();
    const started = performance.now();
    const values = await peer.fetchAll(args.parameters, args.secrets);
    const ms = performance.now() - started;
    check(values, args.expected, 'fetchAll');
    runs.push({ ms, requests: await stats() });
  }
  return { runs };
}

async function warmScenario() {
  const readers = await peer.warmReaders(args.parameter);
  const results = {};
  for (const [name, reader] of Object.entries(readers)) {
    check(await reader.read(), args.expected, name);
    const time = async (n) => {
      const started = process.hrtime.bigint();
      if (reader.sync) for (let i = 0; i < n; i++) reader.read();
      else for (let i = 0; i < n; i++) await reader.read();
      return Number(process.hrtime.bigint() - started) / n;
    };
    await time(args.iterations / 10);
    const samples = [];
    for (let round = 0; round < 5; round++) samples.push(await time(args.iterations));
    results[name] = { sync: reader.sync, nsPerOp: samples.sort((a, b) => a - b)[2] };
  }
  return { readers: results };
}

async function refreshScenario() {
  const invoke = await peer.primedInvoke(args.parameter, args.ttlMs);
  const rounds = [];
  for (let i = 0; i < args.rounds; i++) {
    // Counted from before the wait: a peer may refresh on a timer while idle (Middy does).
    await resetStats();
    await sleep(args.ttlMs * 1.2 + 50);
    const started = performance.now();
    const value = await invoke();
    const waitMs = performance.now() - started;
    check(value, args.expected, 'invoke after TTL');
    await sleep(args.settleMs);
    // Refresh requests, blocking, in the background or on a timer, counted once they have settled.
    rounds.push({ waitMs, requests: await stats() });
  }
  return { rounds };
}

const scenarios = { fetch: fetchScenario, warm: warmScenario, refresh: refreshScenario };
const result = await scenarios[scenario]();
process.stdout.write(`${JSON.stringify({ peer: peerName, label: peer.label, ...result })}\n`);
process.exit(0);
