/** The functions in the files `hush policy` is pointed at, with the references each one uses. */
import { readFileSync } from 'node:fs';
import { CliError, EXIT_USAGE } from '../output.js';
import { ScanParseError } from '../scan/parseError.js';
import { collectFiles } from '../scan/walk.js';
import { type FunctionReferences, functionReferences } from './functionReferences.js';

export function loadFunctions(paths: string[], stage: string | undefined): FunctionReferences[] {
  let files: ReturnType<typeof collectFiles>;
  try {
    files = collectFiles(paths);
  } catch (error) {
    throw new CliError(
      paths.join(' '),
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String(error),
      EXIT_USAGE,
    );
  }
  return files
    .filter((f) => f.kind !== 'dotenv')
    .flatMap((f) => {
      try {
        return functionReferences(f.path, readFileSync(f.path, 'utf8'), stage);
      } catch (error) {
        if (error instanceof ScanParseError)
          throw new CliError(`${error.file}:${error.line}:${error.column}`, error.reason, EXIT_USAGE);
        throw error;
      }
    });
}
