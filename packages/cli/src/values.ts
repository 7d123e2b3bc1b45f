/**
 * Where secret values come from: stdin, a file, or a prompt without echo — never argv, where
 * `ps` and shell history would see them.
 */
import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Drops the one newline `echo` or a heredoc adds; a value that needs it can come from a file. */
const chompNewline = (text: string): string => text.replace(/\r?\n$/, '');

export async function readSecretValue(label: string, fromFile: string | undefined): Promise<string> {
  if (fromFile !== undefined) return fromFile === '-' ? readStdin() : readFileSync(fromFile, 'utf8');
  if (process.stdin.isTTY) return prompt(`Value for ${label}: `);
  return chompNewline(await readStdin());
}

/** Reads one line from the terminal in raw mode, echoing nothing. */
function prompt(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (text: string) => {
      for (const ch of text) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Parses `k=v` tags given as repeated options. */
export function collectTag(text: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`a tag is key=value, got "${text}"`);
  return { ...previous, [text.slice(0, eq)]: text.slice(eq + 1) };
}
