/**
 * One error class per cause. Every message names the reference (its text, never a value) so a
 * failing cold start says which secret is missing; none carries a secret value.
 */
export class HushError extends Error {
  override name = 'HushError';
  /** The reference text as written (`ssm:/prod/db/password`), or undefined for a whole-prefetch error. */
  readonly reference: string | undefined;
  /** The AWS error code behind this failure, when there was one. */
  readonly code: string | undefined;

  constructor(message: string, reference?: string, code?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reference = reference;
    this.code = code;
  }
}

/** `error` as it is when a HushError, else wrapped in one. */
export const asHushError = (error: unknown, reference?: string): HushError =>
  error instanceof HushError ? error : new HushError(String(error), reference);

export class SecretNotFoundError extends HushError {
  override name = 'SecretNotFoundError';
  constructor(reference: string, code = 'NotFound') {
    super(`${reference}: not found`, reference, code);
  }
}

export class AccessDeniedError extends HushError {
  override name = 'AccessDeniedError';
  constructor(reference: string, code = 'AccessDeniedException', options?: { cause?: unknown }) {
    super(`${reference}: access denied (${code})`, reference, code, options);
  }
}

export class DecryptionError extends HushError {
  override name = 'DecryptionError';
  constructor(reference: string, code: string, options?: { cause?: unknown }) {
    super(`${reference}: could not be decrypted (${code})`, reference, code, options);
  }
}

export class ThrottledError extends HushError {
  override name = 'ThrottledError';
  constructor(reference: string, code: string, attempts: number, options?: { cause?: unknown }) {
    super(`${reference}: throttled (${code}) after ${attempts} attempts`, reference, code, options);
  }
}

export class TimeoutError extends HushError {
  override name = 'TimeoutError';
  constructor(reference: string, timeoutMs: number, attempts: number) {
    super(`${reference}: no answer within ${timeoutMs} ms (${attempts} attempts)`, reference, 'Timeout');
  }
}

/** The service could not be reached or kept failing with 5xx after every retry. */
export class ServiceUnavailableError extends HushError {
  override name = 'ServiceUnavailableError';
  constructor(reference: string, detail: string, attempts: number, options?: { cause?: unknown }) {
    super(
      `${reference}: service unavailable after ${attempts} attempts (${detail})`,
      reference,
      'Unavailable',
      options,
    );
  }
}

export class InvalidReferenceError extends HushError {
  override name = 'InvalidReferenceError';
  constructor(reference: string, reason: string, options?: { cause?: unknown }) {
    super(`${reference}: invalid reference: ${reason}`, reference, 'InvalidReference', options);
  }
}

/** The value exists but is not what the reference asks for (not JSON, missing field, schema issues). */
export class InvalidValueError extends HushError {
  override name = 'InvalidValueError';
  constructor(reference: string, reason: string) {
    super(`${reference}: ${reason}`, reference, 'InvalidValue');
  }
}

/** Every key of a prefetch that failed, reported at once. */
export class SecretsError extends AggregateError {
  override name = 'SecretsError';
  /** Failures by the key given to `defineSecrets`. */
  readonly failures: Readonly<Record<string, HushError>>;

  constructor(failures: Record<string, HushError>) {
    const keys = Object.keys(failures);
    super(
      Object.values(failures),
      `${keys.length} secret${keys.length === 1 ? '' : 's'} could not be loaded: ${keys
        .map((key) => `${key} (${failures[key]?.message})`)
        .join('; ')}`,
    );
    this.failures = failures;
  }
}
