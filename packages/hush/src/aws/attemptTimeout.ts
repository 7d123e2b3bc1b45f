/**
 * What a call rejects with when its attempt outlived `timeoutMs`: the transports (direct HTTP, the
 * Lambda extension, an AWS SDK client) each enforce the time, the retry loop treats it as retryable.
 */
export class AttemptTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}
