/** AWS JSON 1.1 requests signed with SigV4 by `aws4`, sent over a keep-alive agent. */
import { type Agent, request } from 'node:http';
import aws4 from 'aws4';

export interface AwsJsonCall {
  url: string;
  /** X-Amz-Target, e.g. `AmazonSSM.GetParameter`. */
  target: string;
  /** SigV4 signing name: `ssm`, `secretsmanager`, `kms`. */
  service: string;
  body: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region?: string;
}

export function signedHeaders(call: AwsJsonCall): Record<string, string> {
  const { host } = new URL(call.url);
  const signed = aws4.sign(
    {
      host,
      path: '/',
      method: 'POST',
      service: call.service,
      region: call.region ?? 'us-east-1',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': call.target },
      body: call.body,
    },
    call.credentials,
  );
  return signed.headers as Record<string, string>;
}

/** Sends one request with the given (already signed) headers; resolves with the status and body. */
export function send(
  call: AwsJsonCall,
  headers: Record<string, string>,
  agent: Agent | false,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(call.url);
  return new Promise((resolve, reject) => {
    const req = request({ agent, hostname, port, path: '/', method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(call.body);
  });
}
