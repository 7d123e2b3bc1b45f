/**
 * Starts a real `hush serve` for a benchmark (the same helper the tests use) and talks to its
 * control endpoint: fault rules (`/_hush/faults`) and request counts (`/_hush/stats`).
 */
import {
  type HushServe,
  type StartOptions,
  startHushServe,
  TEST_CREDENTIALS,
} from '../../packages/server/test/support/hushServe.js';

export { type HushServe, TEST_CREDENTIALS };

export interface BenchServer extends HushServe {
  addFaults(specs: readonly string[]): Promise<void>;
  clearFaults(): Promise<void>;
  /** Requests that reached an operation since the last reset. */
  requestCount(): Promise<number>;
  resetRequestCount(): Promise<void>;
}

export async function startBenchServer(options: StartOptions = {}): Promise<BenchServer> {
  const server = await startHushServe(options);
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${server.url}/_hush/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`${method} /_hush/${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return Object.assign(server, {
    addFaults: async (specs: readonly string[]) => void (await control('POST', 'faults', { faults: specs })),
    clearFaults: async () => void (await control('DELETE', 'faults')),
    requestCount: async () => ((await control('GET', 'stats')) as { total: number }).total,
    resetRequestCount: async () => void (await control('DELETE', 'stats')),
  });
}
