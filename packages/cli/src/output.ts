/**
 * How commands talk to the terminal: one-line errors `hush: <verb>: <reference>: <reason>` that
 * never hold a value, colour only on a TTY without NO_COLOR, and aligned tables.
 */
import { AwsServiceError } from 'hush/aws';
import { ReferenceSyntaxError } from 'hush/reference';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A failure the command explains itself; `subject` is the reference or file it concerns. */
export class CliError extends Error {
  readonly subject: string;
  readonly exitCode: number;
  constructor(subject: string, reason: string, exitCode = EXIT_FAILURE) {
    super(reason);
    this.subject = subject;
    this.exitCode = exitCode;
  }
}

export function reasonOf(error: unknown): string {
  if (error instanceof AwsServiceError) return error.message;
  if (error instanceof ReferenceSyntaxError) return `column ${error.position + 1}: ${error.reason}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Prints the error line and sets the exit code; usage errors (bad references) exit 2. */
export function report(verb: string, subject: string, error: unknown): void {
  const detail = error instanceof CliError ? error.subject : subject;
  const code =
    error instanceof CliError
      ? error.exitCode
      : error instanceof ReferenceSyntaxError
        ? EXIT_USAGE
        : EXIT_FAILURE;
  const where = detail ? `${detail}: ` : '';
  process.stderr.write(
    `${paint('red', 'hush')}: ${verb}: ${where}${reasonOf(error).replace(/\s*\n\s*/g, ' ')}\n`,
  );
  process.exitCode = code;
}

/**
 * Wraps a command action so any error becomes one line; `subjectOf` names what the error is about
 * from the action's arguments (the reference, the file).
 */
export function guarded<A extends unknown[]>(
  verb: string,
  subjectOf: (first: A[0], second: A[1]) => string,
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      report(verb, subjectOf(args[0], args[1]), error);
    }
  };
}

const COLOURS = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

export function colourEnabled(stream: NodeJS.WriteStream = process.stderr): boolean {
  return stream.isTTY === true && (process.env.NO_COLOR ?? '') === '';
}

export function paint(
  colour: keyof typeof COLOURS,
  text: string,
  stream: NodeJS.WriteStream = process.stderr,
): string {
  return colourEnabled(stream) ? `\u001b[${COLOURS[colour]}m${text}\u001b[0m` : text;
}

export function table(rows: readonly (readonly string[])[], header: readonly string[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const head = paint('bold', line(header), process.stdout);
  return `${[head, ...rows.map(line)].join('\n')}\n`;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Epoch seconds (as AWS answers) to ISO-8601; empty when absent. */
export const isoDate = (seconds: unknown): string =>
  typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : '';
