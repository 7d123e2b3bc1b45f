/** An error answer from an AWS service (or `hush serve`), as code + message + HTTP status. */
export class AwsServiceError extends Error {
  override readonly name = 'AwsServiceError';
  readonly code: string;
  readonly status: number;
  readonly requestId: string | undefined;
  /** The whole error body, for members such as SSM's `InvalidParameters`. */
  readonly body: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    status: number,
    requestId: string | undefined,
    body: Record<string, unknown>,
  ) {
    super(message ? `${code}: ${message}` : code);
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.body = body;
  }

  /** Throttling and server-side failures are worth retrying; client errors are not. */
  get retryable(): boolean {
    return this.status >= 500 || THROTTLING_CODES.test(this.code);
  }
}

const THROTTLING_CODES =
  /^(?:ThrottlingException|Throttling|ThrottledException|TooManyRequestsException|RequestLimitExceeded|LimitExceededException|ProvisionedThroughputExceededException)$/;
