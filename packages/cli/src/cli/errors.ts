/**
 * Errors the command line reports as one line and an exit code. Messages name references and
 * parameters, never values: every message here is built from names the user typed or AWS error
 * codes, and AWS never puts a value in an error message.
 */
import { AwsServiceError } from 'hush/aws';
import { ReferenceSyntaxError } from 'hush/reference';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT_FAILURE) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Wrong arguments: exit 2, like commander's own usage errors. */
export const usageError = (message: string): CliError => new CliError(message, EXIT_USAGE);

const NOT_FOUND = new Set([
  'ParameterNotFound',
  'ParameterVersionNotFound',
  'ResourceNotFoundException',
  'NotFoundException',
]);

/** One line that says what went wrong with `subject` (a reference or a name). */
export function describeFailure(subject: string, error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ReferenceSyntaxError) return usageError(error.message);
  if (error instanceof AwsServiceError) {
    const detail = error.message.startsWith(`${error.code}: `)
      ? error.message.slice(error.code.length + 2)
      : '';
    const what = NOT_FOUND.has(error.code) ? 'not found' : error.code;
    return new CliError(`${subject}: ${what}${detail ? ` (${error.code}: ${detail})` : ''}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(`${subject}: ${message}`);
}

export const isNotFound = (error: unknown): boolean =>
  error instanceof AwsServiceError && NOT_FOUND.has(error.code);
