/**
 * The default transport: signed HTTPS straight to the AWS endpoints (or `hush serve`) through
 * `AwsJsonClient`. The client is made on first use, so importing hush never throws for a missing region.
 */
import { AwsJsonClient, type AwsJsonClientOptions } from '../aws/awsJsonClient.js';
import type { Transport } from './transport.js';

export function directTransport(options: AwsJsonClientOptions = {}): Transport {
  let client: AwsJsonClient | undefined;
  return {
    call(service, operation, input, callOptions) {
      client ??= new AwsJsonClient(options);
      return client.call(service, operation, input, callOptions);
    },
  };
}
