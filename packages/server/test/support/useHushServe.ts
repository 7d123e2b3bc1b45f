/**
 * The fixture most test files want: one real `hush serve` for the enclosing `describe` (or file),
 * started in `before` and stopped (its temporary data dir removed) in `after`.
 *
 *   const server = useHushServe({ inMemory: true }, async (s) => { await s.ssm().send(…); });
 *   it('…', async () => { await server.ssm().send(…); });
 *
 * Seed the server in `setup`: at the top level of a file (outside any `describe`) Node 20 starts
 * `before` hooks as they are registered, without waiting for the one before, so a second hook could
 * run before the server is up. Inside a `describe` hooks run in order, and an `after` registered after
 * this call runs once the server has stopped.
 */
import { after, before } from 'node:test';
import { type HushServe, type StartOptions, startHushServe } from './hushServe.js';

/**
 * Registers the hooks and returns an accessor that stands for the running server (it can be passed
 * wherever a `HushServe` is expected). `options` may be a function (sync or async), called in
 * `before`, for options that need work first (a config file written to a temporary dir).
 */
export function useHushServe(
  options: StartOptions | (() => StartOptions | Promise<StartOptions>) = {},
  setup?: (server: HushServe) => Promise<void> | void,
): HushServe {
  let current: HushServe | undefined;
  const started = (): HushServe => {
    if (!current) throw new Error('useHushServe: the server starts in before(); use it in tests and hooks');
    return current;
  };
  const accessor: HushServe = {
    get url() {
      return started().url;
    },
    get port() {
      return started().port;
    },
    get dataDir() {
      return started().dataDir;
    },
    get process() {
      return started().process;
    },
    output: () => started().output(),
    ssm: (region) => started().ssm(region),
    kms: (region) => started().kms(region),
    secretsManager: (region) => started().secretsManager(region),
    env: (region) => started().env(region),
    stop: () => started().stop(),
    kill: () => started().kill(),
    cleanup: () => started().cleanup(),
  };
  before(async () => {
    current = await startHushServe(await (typeof options === 'function' ? options() : options));
    await setup?.(accessor);
  });
  after(async () => {
    await current?.stop();
    current?.cleanup();
  });
  return accessor;
}
