/** Registers the secret-management verbs of `hush` in the order `hush --help` lists them. */
import type { Command } from 'commander';
import { registerDecryptEnv } from './commands/decryptEnv.js';
import { registerEncryptEnv } from './commands/encryptEnv.js';
import { registerGet } from './commands/get.js';
import { registerLs } from './commands/ls.js';
import { registerPut } from './commands/put.js';
import { registerRun } from './commands/run.js';

export function registerSecretCommands(program: Command): void {
  registerPut(program);
  registerGet(program);
  registerLs(program);
  registerEncryptEnv(program);
  registerDecryptEnv(program);
  registerRun(program);
}
