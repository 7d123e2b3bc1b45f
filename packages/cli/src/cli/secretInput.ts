/**
 * Where a value to store comes from: stdin in a pipe, a file, or a prompt that does not echo —
 * never the command line, where it would land in shell history and `ps`.
 */
import { readFileSync } from 'node:fs';
import { CliError } from './errors.js';

export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One trailing newline is what `echo` and heredocs add, not part of the value. */
const dropFinalNewline = (text: string): string => text.replace(/\r?\n$/, '');

/**
 * The value for `subject`: `--from-file` exactly as stored (`-` reads stdin), else stdin without its
 * final newline, else (stdin is a terminal) a prompt without echo.
 */
export async function readSecretValue(subject: string, fromFile?: string): Promise<string> {
  let value: string;
  if (fromFile !== undefined && fromFile !== '-') {
    try {
      value = readFileSync(fromFile, 'utf8');
    } catch (error) {
      throw new CliError(
        `${subject}: cannot read ${fromFile}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      );
    }
  } else if (process.stdin.isTTY && fromFile === undefined) {
    value = await promptHidden(`Value for ${subject}: `);
  } else {
    value = fromFile === '-' ? await readAllStdin() : dropFinalNewline(await readAllStdin());
  }
  if (value === '') throw new CliError(`${subject}: the value is empty`);
  return value;
}

/** Reads one line from the terminal in raw mode, echoing nothing. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new CliError('cancelled', 130));
        if (ch === '\u0004') return finish();
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
