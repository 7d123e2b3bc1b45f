/**
 * The fetch plan. Misses asked for in the same tick are gathered, then sent as few requests as the
 * APIs allow — SSM names 10 per GetParameters, secrets 20 per BatchGetSecretValue, each path through
 * paged GetParametersByPath, KMS ciphertexts one Decrypt each — all in parallel. A key already being
 * fetched joins that request instead of starting another.
 */
import type { Env } from '../aws/environment.js';
import { SecretNotFoundError } from '../errors.js';
import type { Reference, SecretsManagerReference, SsmParameterReference } from '../reference/types.js';
import type { Transport } from '../transport/transport.js';
import { fetchKey, ssmName } from './fetchKey.js';
import type { RawValue, SecretValue, SsmParameterValue } from './rawValue.js';
import { errorForCode, type RetryOptions, toHushError, withRetry } from './retry.js';

interface Pending {
  ref: Reference;
  key: string;
  resolve(value: RawValue): void;
  reject(error: unknown): void;
}

interface WireParameter {
  Name: string;
  Type: string;
  Value: string;
  Selector?: string;
  ARN?: string;
}

interface WireSecret {
  ARN?: string;
  Name?: string;
  SecretString?: string;
  SecretBinary?: string | Uint8Array;
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
    const groups = new Map<string, Pending[]>();
    const group = (name: string, item: Pending) => {
      const list = groups.get(name);
      if (list) list.push(item);
      else groups.set(name, [item]);
    };
    for (const item of batch) {
      const { ref } = item;
      if (ref.kind === 'ssm') group(`ssm\0${ref.region ?? ''}\0${ref.decrypt}`, item);
      else if (ref.kind === 'secretsmanager' && !ref.versionId && !ref.versionStage)
        group(`sm\0${ref.region ?? ''}`, item);
      else void this.#single(item);
    }
    for (const [name, items] of groups) {
      const size = name.startsWith('ssm') ? SSM_BATCH : SECRETS_BATCH;
      for (let i = 0; i < items.length; i += size) {
        const chunk = items.slice(i, i + size);
        if (name.startsWith('ssm')) void this.#ssmBatch(chunk);
        else void this.#secretsBatch(chunk);
      }
    }
  }

  async #send<T>(
    service: 'ssm' | 'secretsmanager' | 'kms',
    operation: string,
    input: object,
    region: string | undefined,
  ): Promise<T> {
    return withRetry(this.#retry, (signal) => {
      this.requests[operation] = (this.requests[operation] ?? 0) + 1;
      return this.#transport.call<T>(service, operation, input, { signal, region });
    });
  }

  /** The secret's NextRotationDate (epoch ms), or undefined when it has none or cannot be read. */
  async #nextRotation(ref: SecretsManagerReference): Promise<number | undefined> {
    try {
      const answer = await this.#send<{ NextRotationDate?: number }>(
        'secretsmanager',
        'DescribeSecret',
        { SecretId: ref.secretId },
        ref.region,
      );
      return answer.NextRotationDate === undefined ? undefined : answer.NextRotationDate * 1000;
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
    let answer: { Parameters?: WireParameter[]; InvalidParameters?: string[] };
    try {
      answer = await this.#send(
        'ssm',
        'GetParameters',
        { Names: names, WithDecryption: first.decrypt },
        first.region,
      );
    } catch (error) {
      return this.#failAll(items, error);
    }
    const found = new Map<string, WireParameter>();
    for (const p of answer.Parameters ?? []) {
      const selector = p.Selector ?? '';
      found.set(p.Name + selector, p);
      if (p.ARN) found.set(p.ARN + selector, p);
    }
    for (const item of items) {
      const ref = item.ref as SsmParameterReference;
      const p = found.get(ssmName(ref));
      if (p) item.resolve(ssmValue(p, ref.decrypt));
      else item.reject(new SecretNotFoundError(ref.text, 'ParameterNotFound'));
    }
  }

  async #secretsBatch(items: Pending[]): Promise<void> {
    const first = items[0]!.ref as SecretsManagerReference;
    const ids = [...new Set(items.map((item) => (item.ref as SecretsManagerReference).secretId))];
    let answer: { SecretValues?: WireSecret[]; Errors?: { SecretId: string; ErrorCode: string }[] };
    try {
      answer = await this.#send('secretsmanager', 'BatchGetSecretValue', { SecretIdList: ids }, first.region);
    } catch (error) {
      return this.#failAll(items, error);
    }
    const errors = new Map((answer.Errors ?? []).map((e) => [e.SecretId, e.ErrorCode]));
    for (const item of items) {
      const ref = item.ref as SecretsManagerReference;
      const id = ref.secretId;
      const secret = (answer.SecretValues ?? []).find(
        (s) => s.Name === id || s.ARN === id || (s.ARN?.startsWith(`${id}-`) ?? false),
      );
      const code = errors.get(id);
      if (secret) item.resolve(secretValue(secret));
      else item.reject(errorForCode(ref.text, code ?? 'ResourceNotFoundException'));
    }
  }

  async #single(item: Pending): Promise<void> {
    try {
      item.resolve(await this.#fetchOne(item.ref));
    } catch (error) {
      item.reject(toHushError(error, item.ref.text, this.#retry));
    }
  }

  async #fetchOne(ref: Reference): Promise<RawValue> {
    switch (ref.kind) {
      case 'secretsmanager': {
        const answer = await this.#send<WireSecret>(
          'secretsmanager',
          'GetSecretValue',
          {
            // Members left undefined are not sent (JSON.stringify drops them; SDK clients ignore them).
            SecretId: ref.secretId,
            VersionId: ref.versionId,
            VersionStage: ref.versionStage,
          },
          ref.region,
        );
        return secretValue(answer);
      }
      case 'ssm-path': {
        const parameters: Record<string, SsmParameterValue> = {};
        let token: string | undefined;
        do {
          const page: { Parameters?: WireParameter[]; NextToken?: string } = await this.#send(
            'ssm',
            'GetParametersByPath',
            {
              Path: ref.path,
              Recursive: ref.recursive,
              WithDecryption: ref.decrypt,
              MaxResults: 10,
              NextToken: token,
            },
            ref.region,
          );
          for (const p of page.Parameters ?? []) {
            const relative = p.Name.startsWith(ref.path) ? p.Name.slice(ref.path.length) : p.Name;
            parameters[relative] = ssmValue(p, ref.decrypt);
          }
          token = page.NextToken;
        } while (token);
        return { kind: 'ssm-path', parameters };
      }
      case 'kms': {
        const functionName = this.#env.AWS_LAMBDA_FUNCTION_NAME;
        const answer = await this.#send<{ Plaintext: string | Uint8Array }>(
          'kms',
          'Decrypt',
          {
            CiphertextBlob: ref.ciphertext,
            EncryptionContext: functionName ? { LambdaFunctionName: functionName } : undefined,
          },
          ref.region,
        );
        return { kind: 'kms', plaintext: answer.Plaintext };
      }
      case 'ssm':
        throw new Error('SSM parameters are fetched in batches');
    }
  }
}

function ssmValue(p: WireParameter, decrypt: boolean): SsmParameterValue {
  return { kind: 'ssm', type: p.Type, value: p.Value, decrypted: decrypt || p.Type !== 'SecureString' };
}

function secretValue(s: WireSecret): SecretValue {
  return { kind: 'secretsmanager', secretString: s.SecretString, secretBinary: s.SecretBinary };
}
