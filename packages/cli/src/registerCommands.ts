/** Registers the secret-management verbs of `hush` in the order `hush --help` lists them. */
import type { Command } from 'commander';
import { registerDecryptEnv } from './commands/decryptEnv.js';
import { registerEncryptEnv } from './commands/encryptEnv.js';
import { registerExport } from './commands/export.js';
import { registerGet } from './commands/get.js';
import { registerHistory } from './commands/history.js';
import { registerImport } from './commands/import.js';
import { registerLabel } from './commands/label.js';
import { registerLs } from './commands/ls.js';
import { registerPut } from './commands/put.js';
import { registerResolve } from './commands/resolve.js';
import { registerRm } from './commands/rm.js';
import { registerRotate } from './commands/rotate.js';
import { registerRun } from './commands/run.js';

export function registerSecretCommands(program: Command): void {
  registerPut(program);
  registerGet(program);
  registerLs(program);
  registerEncryptEnv(program);
  registerDecryptEnv(program);
  registerRun(program);
  registerResolve(program);
  registerHistory(program);
  registerRm(program);
  registerRotate(program);
  registerLabel(program);
  registerExport(program);
  registerImport(program);
}
