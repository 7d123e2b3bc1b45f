/** Runs the real AWS CLI (`/usr/bin/aws`, Debian's awscli) against a started `hush serve`. */
import { spawn } from 'node:child_process';
import type { HushServe } from './hushServe.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function awsCli(server: HushServe, args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/aws', ['--endpoint-url', server.url, ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...server.env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
