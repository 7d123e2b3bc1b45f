/**
 * A caller's AWS SDK v3 clients as transport, duck-typed so hush never imports the SDK: pass the
 * clients you already have and the command classes hush needs (only those you use).
 *
 *   sdkTransport({ ssm: new SSMClient({}), commands: { GetParametersCommand } })
 */
import { AttemptTimeout } from '../aws/attemptTimeout.js';
import { AwsServiceError } from '../aws/awsServiceError.js';
import type { ServiceName } from '../aws/services.js';
import type { Transport, TransportCallOptions } from './transport.js';

export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

export interface SdkTransportOptions {
  ssm?: SdkClient;
  secretsManager?: SdkClient;
  kms?: SdkClient;
  /** Command classes by name, e.g. `{ GetParametersCommand, BatchGetSecretValueCommand }`. */
  commands: Record<string, new (input: never) => unknown>;
}

export function sdkTransport(options: SdkTransportOptions): Transport {
  const clients: Record<ServiceName, SdkClient | undefined> = {
    ssm: options.ssm,
    secretsmanager: options.secretsManager,
    kms: options.kms,
  };
  return {
    async call<T>(
      service: ServiceName,
      operation: string,
      input: object,
      callOptions: TransportCallOptions = {},
    ) {
      const client = clients[service];
      const Command = options.commands[`${operation}Command`];
      if (!client || !Command)
        throw new Error(`sdkTransport: pass a ${service} client and ${operation}Command`);
      const sdkInput =
        operation === 'Decrypt'
          ? {
              ...input,
              CiphertextBlob: Buffer.from(
                String((input as { CiphertextBlob: string }).CiphertextBlob),
                'base64',
              ),
            }
          : input;
      const { timeoutMs } = callOptions;
      const signal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
      try {
        return (await client.send(
          new Command(sdkInput as never),
          signal ? { abortSignal: signal } : {},
        )) as T;
      } catch (error) {
        if (timeoutMs !== undefined && signal?.aborted) throw new AttemptTimeout(timeoutMs);
        const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
        const status = e.$metadata?.httpStatusCode;
        if (status === undefined) throw error;
        throw new AwsServiceError(String(e.name), String(e.message ?? ''), status, undefined, {});
      }
    },
  };
}
