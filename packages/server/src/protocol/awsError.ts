/**
 * An error the server answers with, shaped as AWS JSON 1.1 services shape theirs:
 * `{"__type": code, "message": text}` with AWS's HTTP status (400 for nearly everything,
 * including "not found" — AWS does not use 404 on these APIs).
 */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  /** Extra members some errors carry (e.g. SSM's `InvalidParameters`), serialised beside `message`. */
  readonly extra: Readonly<Record<string, unknown>> | undefined;

  constructor(code: string, message: string, status = 400, extra?: Record<string, unknown>) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.extra = extra;
  }
}

export const validationError = (messages: readonly string[]): AwsError =>
  new AwsError(
    'ValidationException',
    `${messages.length} validation error${messages.length === 1 ? '' : 's'} detected: ${messages.join('; ')}`,
  );

export const serializationError = (message = ''): AwsError => new AwsError('SerializationException', message);

export const internalError = (): AwsError =>
  new AwsError('InternalFailure', 'An internal error occurred.', 500);
