/**
 * The fetch plan. Misses asked for in the same tick are gathered, then sent as few requests as the
 * APIs allow — SSM names 10 per GetParameters, secrets 20 per BatchGetSecretValue, each path through
 * paged GetParametersByPath, KMS ciphertexts one Decrypt each — all in parallel. A key already being
 * fetched joins that request instead of starting another.
 */
import type { Env } from '../aws/environment.js';
import { SecretNotFoundError } from '../errors.js';
import type {
  KmsCiphertextReference,
  Reference,
  SecretsManagerReference,
  SsmParameterReference,
  SsmPathReference,
} from '../reference/types.js';
import type { Transport } from '../transport/transport.js';
import { fetchKey, ssmName } from './fetchKey.js';
import type {
  KmsPlaintextValue,
  RawValue,
  SecretValue,
  SsmParameterValue,
  SsmPathValue,
} from './rawValue.js';
import { errorForCode, type RetryOptions, toHushError, withRetry } from './retry.js';

interface Pending {
  ref: Reference;
  key: string;
  resolve(value: RawValue): void;
  reject(error: unknown): void;
}

const SSM_BATCH = 10;
const SECRETS_BATCH = 20;

export class FetchPlan {
  #pending: Pending[] = [];
  readonly #inflight = new Map<string, Promise<RawValue>>();
  /** Requests sent, by operation — for tests and benchmarks. */
  readonly requests: Record<string, number> = {};

  readonly #transport: Transport;
  readonly #retry: RetryOptions;
  readonly #env: Env;
  readonly #expireAtRotation: boolean;

  constructor(transport: Transport, retry: RetryOptions, env: Env, expireAtRotation = false) {
    this.#transport = transport;
    this.#retry = retry;
    this.#env = env;
    this.#expireAtRotation = expireAtRotation;
  }

  load(ref: Reference, key = fetchKey(ref)): Promise<RawValue> {
    const running = this.#inflight.get(key);
    if (running) return running;
    let promise = new Promise<RawValue>((resolve, reject) => {
      // A promise job rather than queueMicrotask, which wraps every callback in an AsyncResource.
      if (this.#pending.length === 0) void Promise.resolve().then(() => this.#flush());
      this.#pending.push({ ref, key, resolve, reject });
    });
    if (this.#expireAtRotation && ref.kind === 'secretsmanager') {
      const rotation = this.#nextRotation(ref);
      promise = promise.then(async (raw) => {
        const at = await rotation;
        return at === undefined ? raw : { ...raw, nextRotationAt: at };
      });
    }
    this.#inflight.set(key, promise);
    const forget = () => this.#inflight.delete(key);
    promise.then(forget, forget);
    return promise;
  }

  #flush(): void {
    const batch = this.#pending;
    this.#pending = [];
    // SSM names by region and decryption, secrets without a stage or version by region; the rest one
    // call each.
    const groups = new Map<string, Pending[]>();
    for (const item of batch) {
      const { ref } = item;
      if (ref.kind === 'ssm' || (ref.kind === 'secretsmanager' && !ref.versionId && !ref.versionStage)) {
        const name = `${ref.kind}\0${ref.region ?? ''}\0${ref.kind === 'ssm' && ref.decrypt}`;
        const group = groups.get(name);
        if (group) group.push(item);
        else groups.set(name, [item]);
      } else void this.#single(item, ref);
    }
    for (const items of groups.values()) {
      const ssm = items[0]!.ref.kind === 'ssm';
      const size = ssm ? SSM_BATCH : SECRETS_BATCH;
      for (let i = 0; i < items.length; i += size) {
        const chunk = items.slice(i, i + size);
        void (ssm ? this.#ssmBatch(chunk) : this.#secretsBatch(chunk));
      }
    }
  }

  /** One call in the region of `ref` (or the transport's), retried. */
  async #send<T>(
    service: 'ssm' | 'secretsmanager' | 'kms',
    operation: string,
    input: object,
    { region }: Reference,
  ): Promise<T> {
    return withRetry(this.#retry, (timeoutMs) => {
      this.requests[operation] = (this.requests[operation] ?? 0) + 1;
      return this.#transport.call<T>(service, operation, input, { timeoutMs, region });
    });
  }

  /** The secret's NextRotationDate (epoch ms), or undefined when it has none or cannot be read. */
  async #nextRotation(ref: SecretsManagerReference): Promise<number | undefined> {
    try {
      const answer = await this.#send<{ NextRotationDate?: number }>(
        'secretsmanager',
        'DescribeSecret',
        { SecretId: ref.secretId },
        ref,
      );
      return answer.NextRotationDate && answer.NextRotationDate * 1000;
    } catch {
      return undefined;
    }
  }

  #failAll(items: Pending[], error: unknown): void {
    for (const item of items) item.reject(toHushError(error, item.ref.text, this.#retry));
  }

  async #ssmBatch(items: Pending[]): Promise<void> {
    const first = items[0]!.ref as SsmParameterReference;
    const names = [...new Set(items.map((item) => ssmName(item.ref as SsmParameterReference)))];
    let answer: { Parameters?: SsmParameterValue[] };
    try {
      answer = await this.#send(
        'ssm',
        'GetParameters',
        { Names: names, WithDecryption: first.decrypt },
        first,
      );
    } catch (error) {
      return this.#failAll(items, error);
    }
    const found = new Map<string, SsmParameterValue>();
    for (const p of answer.Parameters ?? []) {
      const selector = p.Selector ?? '';
      found.set(p.Name + selector, p);
      if (p.ARN) found.set(p.ARN + selector, p);
    }
    for (const item of items) {
      const p = found.get(ssmName(item.ref as SsmParameterReference));
      if (p) item.resolve(p);
      else item.reject(new SecretNotFoundError(item.ref.text, 'ParameterNotFound'));
    }
  }

  async #secretsBatch(items: Pending[]): Promise<void> {
    const first = items[0]!.ref as SecretsManagerReference;
    const ids = [...new Set(items.map((item) => (item.ref as SecretsManagerReference).secretId))];
    let answer: { SecretValues?: SecretValue[]; Errors?: { SecretId: string; ErrorCode: string }[] };
    try {
      answer = await this.#send('secretsmanager', 'BatchGetSecretValue', { SecretIdList: ids }, first);
    } catch (error) {
      return this.#failAll(items, error);
    }
    const errors = new Map((answer.Errors ?? []).map((e) => [e.SecretId, e.ErrorCode]));
    for (const item of items) {
      const id = (item.ref as SecretsManagerReference).secretId;
      const secret = (answer.SecretValues ?? []).find(
        (s) => s.Name === id || s.ARN === id || (s.ARN?.startsWith(`${id}-`) ?? false),
      );
      if (secret) item.resolve(secret);
      else item.reject(errorForCode(item.ref.text, errors.get(id) ?? 'ResourceNotFoundException'));
    }
  }

  /** A reference no batch call can read (the batches hold every SSM name). */
  async #single(
    item: Pending,
    ref: SecretsManagerReference | SsmPathReference | KmsCiphertextReference,
  ): Promise<void> {
    try {
      item.resolve(await this.#fetchOne(ref));
    } catch (error) {
      this.#failAll([item], error);
    }
  }

  async #fetchOne(
    ref: SecretsManagerReference | SsmPathReference | KmsCiphertextReference,
  ): Promise<RawValue> {
    switch (ref.kind) {
      case 'secretsmanager':
        return this.#send<SecretValue>(
          'secretsmanager',
          'GetSecretValue',
          {
            // Members left undefined are not sent (JSON.stringify drops them; SDK clients ignore them).
            SecretId: ref.secretId,
            VersionId: ref.versionId,
            VersionStage: ref.versionStage,
          },
          ref,
        );
      case 'ssm-path': {
        const value: SsmPathValue = { Parameters: [] };
        let token: string | undefined;
        do {
          const page: { Parameters?: SsmParameterValue[]; NextToken?: string } = await this.#send(
            'ssm',
            'GetParametersByPath',
            {
              Path: ref.path,
              Recursive: ref.recursive,
              WithDecryption: ref.decrypt,
              MaxResults: 10,
              NextToken: token,
            },
            ref,
          );
          value.Parameters.push(...(page.Parameters ?? []));
          token = page.NextToken;
        } while (token);
        return value;
      }
      case 'kms': {
        const functionName = this.#env.AWS_LAMBDA_FUNCTION_NAME;
        return this.#send<KmsPlaintextValue>(
          'kms',
          'Decrypt',
          {
            CiphertextBlob: ref.ciphertext,
            EncryptionContext: functionName ? { LambdaFunctionName: functionName } : undefined,
          },
          ref,
        );
      }
    }
  }
}
