/** Runs the real `hush` binary in a child process, as a user's shell would. */
import {
  type ProcessResult,
  type RunningProcess,
  runProcess,
  spawnProcess,
} from '../../../server/test/support/childProcess.js';
import { HUSH_BIN, type HushServe } from '../../../server/test/support/hushServe.js';

export type HushResult = ProcessResult;

export interface RunOptions {
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
  /** startHush only: its own process group, so a test can signal the group as a terminal does. */
  detached?: boolean;
}

const hushEnv = (options: RunOptions) => ({ PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env });

/** Runs `hush ARGS` to its end; stdin is `input` (default: empty). */
export function runHush(args: readonly string[], options: RunOptions = {}): Promise<HushResult> {
  return runProcess(process.execPath, [HUSH_BIN, ...args], {
    env: hushEnv(options),
    input: options.input ?? '',
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
}

/** Starts `hush` and hands back the running child, for tests that signal it; stdin is /dev/null. */
export function startHush(args: readonly string[], options: RunOptions = {}): RunningProcess {
  return spawnProcess(process.execPath, [HUSH_BIN, ...args], {
    env: hushEnv(options),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.detached ? { detached: true } : {}),
  });
}

/** `hush ARGS` pointed at `server`, with `input` on stdin: the shape most CLI tests call. */
export const hushAgainst =
  (server: HushServe) =>
  (args: readonly string[], input?: string): Promise<HushResult> =>
    runHush(args, { env: server.env(), ...(input === undefined ? {} : { input }) });
