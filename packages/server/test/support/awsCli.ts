/** Runs the real AWS CLI (`/usr/bin/aws`, Debian's awscli) against a started `hush serve`. */
import { type ProcessResult, runProcess } from './childProcess.js';
import type { HushServe } from './hushServe.js';

export type CliResult = ProcessResult;

export function awsCli(server: HushServe, args: readonly string[]): Promise<CliResult> {
  return runProcess('/usr/bin/aws', ['--endpoint-url', server.url, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...server.env() },
  });
}
