// A cold start: import one handler module (argv[2]) and invoke it once, then print the value's
// check and how long this process had been alive, and exit at once (keep-alive sockets would linger).
import { pathToFileURL } from 'node:url';

const importStarted = performance.now();
const { handler } = await import(pathToFileURL(process.argv[2]).href);
const importMs = performance.now() - importStarted;
const value = await handler({}, { functionName: 'bench' });
const line = { ok: value === process.argv[3], importMs, uptimeMs: performance.now() };
process.stdout.write(`${JSON.stringify(line)}\n`);
process.exit(0);
