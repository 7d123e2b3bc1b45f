/**
 * Runs one AWS call with a per-attempt timeout and capped, full-jitter exponential backoff for
 * throttling, 5xx and network failures; turns what is left into hush's error classes.
 */
import { AttemptTimeout } from '../aws/attemptTimeout.js';
import { AwsServiceError } from '../aws/awsServiceError.js';
import {
  AccessDeniedError,
  DecryptionError,
  HushError,
  SecretNotFoundError,
  ServiceUnavailableError,
  ThrottledError,
  TimeoutError,
} from '../errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included (default 3). */
  maxAttempts: number;
  /** Per-attempt timeout in ms (default 3000). */
  attemptTimeoutMs: number;
  /** First backoff ceiling in ms (default 50); doubles per attempt up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 3,
  attemptTimeoutMs: 3000,
  baseBackoffMs: 50,
  maxBackoffMs: 1000,
};

/**
 * Throws the last failure as it came (map it per reference with `toHushError`). Each attempt is
 * given the timeout to enforce: the transport arms it once the request is sent (see `httpRequest`).
 */
export async function withRetry<T>(
  options: RetryOptions,
  attempt: (timeoutMs: number) => Promise<T>,
): Promise<T> {
  let last: unknown;
  for (let n = 1; n <= options.maxAttempts; n++) {
    try {
      return await attempt(options.attemptTimeoutMs);
    } catch (error) {
      last = error;
      if (!isRetryable(error) || n === options.maxAttempts) break;
      const ceiling = Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** (n - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
  throw last;
}

function isRetryable(error: unknown): boolean {
  if (error instanceof AttemptTimeout) return true;
  if (error instanceof AwsServiceError) return error.retryable;
  return (
    error instanceof Error && 'code' in error && typeof error.code === 'string' && /^E[A-Z]+/.test(error.code)
  );
}

const DECRYPTION_CODES =
  /^(?:DecryptionFailure|InvalidCiphertextException|IncorrectKeyException|KMSInvalidStateException|DisabledException|KeyUnavailableException|InvalidKeyId)$/;

/** Refused credentials or permissions: retrying cannot help, a fresh deployment or policy can. */
const ACCESS_DENIED_CODES =
  /^(?:AccessDeniedException|AccessDenied|UnrecognizedClientException|InvalidSignatureException|SignatureDoesNotMatch|IncompleteSignature|InvalidClientTokenId|MissingAuthenticationToken|ExpiredTokenException)$/;

const NOT_FOUND_CODES = /^(?:ParameterNotFound|ParameterVersionNotFound|ResourceNotFoundException)$/;

/** Maps an AWS error code (from a whole-call failure or a per-item `Errors` entry) to its class. */
export function errorForCode(label: string, code: string, cause?: unknown): HushError {
  if (NOT_FOUND_CODES.test(code)) return new SecretNotFoundError(label, code);
  if (ACCESS_DENIED_CODES.test(code)) return new AccessDeniedError(label, code, { cause });
  if (DECRYPTION_CODES.test(code)) return new DecryptionError(label, code, { cause });
  return new HushError(`${label}: ${code}`, label, code, { cause });
}

export function toHushError(error: unknown, label: string, options: RetryOptions): HushError {
  if (error instanceof HushError) return error;
  const { maxAttempts } = options;
  if (error instanceof AttemptTimeout) return new TimeoutError(label, options.attemptTimeoutMs, maxAttempts);
  const cause = { cause: error };
  if (error instanceof AwsServiceError) {
    const { code, status } = error;
    if (!error.retryable) return errorForCode(label, code, error);
    return status < 500
      ? new ThrottledError(label, code, maxAttempts, cause)
      : new ServiceUnavailableError(label, `${status} ${code}`, maxAttempts, cause);
  }
  if (error instanceof Error && !('code' in error)) {
    // Not from the network: a missing region or credentials — say so, once, without retrying.
    return new HushError(`${label}: ${error.message}`, label, 'Configuration', cause);
  }
  const code = error instanceof Error && 'code' in error ? String(error.code) : 'network error';
  return new ServiceUnavailableError(label, code, maxAttempts, cause);
}
