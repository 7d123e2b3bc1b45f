/**
 * Strict mode under forged and damaged signatures: requests that would succeed if genuine (they
 * create keys and parameters) are signed properly and then broken one way or another — a wrong
 * secret, an unknown key, a changed body, target or date, a dropped or forged session token, a
 * mangled signature. Every one must be refused with the error AWS gives, and the store must be
 * byte-for-byte what it was.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import aws4 from 'aws4';
import fc from 'fast-check';
import { KEYS } from './auth/fixtures/strictConfig.js';
import { useStrictHushServe } from './auth/fixtures/useStrictHushServe.js';
import { rawPost } from './support/rawClient.js';
import { storeDigest } from './support/storeDigest.js';

const REQUESTS = 20_000;
const BATCH = 50;

interface Write {
  service: string;
  target: string;
  body: string;
  /** A read of the same service, which a signature for the write must not authorise. */
  otherTarget: string;
}

const WRITES: readonly Write[] = [
  {
    service: 'kms',
    target: 'TrentService.CreateKey',
    body: '{"Description":"forged"}',
    otherTarget: 'TrentService.ListKeys',
  },
  {
    service: 'ssm',
    target: 'AmazonSSM.PutParameter',
    body: '{"Name":"/forged","Value":"v","Type":"SecureString"}',
    otherTarget: 'AmazonSSM.DescribeParameters',
  },
  {
    service: 'secretsmanager',
    target: 'secretsmanager.CreateSecret',
    body: '{"Name":"forged","SecretString":"v","ClientRequestToken":"11111111-2222-4333-8444-555555555555"}',
    otherTarget: 'secretsmanager.ListSecrets',
  },
];

type Tamper =
  | 'wrong-secret'
  | 'unknown-key'
  | 'body-changed'
  | 'target-changed'
  | 'date-skewed'
  | 'token-dropped'
  | 'token-forged'
  | 'signature-mangled'
  | 'scope-service';

const EXPECTED: Record<Tamper, readonly string[]> = {
  'wrong-secret': ['InvalidSignatureException'],
  'unknown-key': ['UnrecognizedClientException'],
  'body-changed': ['InvalidSignatureException'],
  'target-changed': ['InvalidSignatureException'],
  'date-skewed': ['InvalidSignatureException'],
  'token-dropped': ['UnrecognizedClientException'],
  'token-forged': ['UnrecognizedClientException'],
  'signature-mangled': ['InvalidSignatureException', 'IncompleteSignatureException'],
  'scope-service': ['InvalidSignatureException'],
};

interface Forged {
  target: string;
  body: string;
  headers: Record<string, string>;
  tamper: Tamper;
}

function forge(host: string, write: Write, tamper: Tamper, noise: string, skewMinutes: number): Forged {
  const identity = tamper === 'token-dropped' || tamper === 'token-forged' ? KEYS.orders : KEYS.admin;
  const credentials: aws4.Credentials = {
    accessKeyId: tamper === 'unknown-key' ? `AKIAUNKNOWN${noise.length}` : identity.accessKeyId,
    secretAccessKey:
      tamper === 'wrong-secret' ? `${identity.secretAccessKey}${noise}x` : identity.secretAccessKey,
    ...('sessionToken' in identity ? { sessionToken: String(identity.sessionToken) } : {}),
  };
  const date = new Date(Date.now() + (tamper === 'date-skewed' ? skewMinutes * 60_000 : 0));
  const signed = aws4.sign(
    {
      host,
      path: '/',
      method: 'POST',
      service: tamper === 'scope-service' ? 'sts' : write.service,
      region: 'us-east-1',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': write.target,
        'X-Amz-Date': date.toISOString().replace(/[:-]|\.\d{3}/g, ''),
      },
      body: write.body,
    },
    credentials,
  );
  const headers = Object.fromEntries(
    Object.entries(signed.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  ) as Record<string, string>;
  delete headers['content-length'];
  let { body } = write;
  let target = write.target;
  if (tamper === 'body-changed')
    body = body.replace('}', `,"Tags":[{"Key":"k","Value":${JSON.stringify(noise)}}]}`);
  if (tamper === 'target-changed') target = write.otherTarget;
  if (tamper === 'token-dropped') delete headers['x-amz-security-token'];
  if (tamper === 'token-forged') headers['x-amz-security-token'] = `forged-${noise}`;
  if (tamper === 'signature-mangled') {
    headers.authorization = headers.authorization!.replace(/Signature=([0-9a-f]+)/, (_m, sig: string) => {
      const flipped = sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0');
      return `Signature=${noise.length % 2 === 0 ? flipped : flipped.slice(0, 10 + (noise.length % 40))}`;
    });
  }
  headers['x-amz-target'] = target;
  return { target, body, headers, tamper };
}

describe('strict mode under forged signatures', () => {
  const server = useStrictHushServe();

  it('refuses 20,000 damaged signatures with AWS errors and writes nothing', async () => {
    const host = new URL(server.url).host;
    const before = storeDigest(server.dataDir);
    const forged = fc
      .tuple(
        fc.constantFrom(...WRITES),
        fc.constantFrom(...(Object.keys(EXPECTED) as Tamper[])),
        fc.string({ minLength: 1, maxLength: 24 }),
        fc.oneof(fc.integer({ min: 16, max: 600 }), fc.integer({ min: -600, max: -16 })),
      )
      .map(([write, tamper, noise, skew]) => forge(host, write, tamper, noise, skew));
    await fc.assert(
      fc.asyncProperty(fc.array(forged, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const responses = await Promise.all(
          batch.map((r) => rawPost(server.url, r.target, r.body, r.headers)),
        );
        for (const [i, request] of batch.entries()) {
          const response = responses[i]!;
          const type = (JSON.parse(response.text) as { __type?: string }).__type;
          assert.ok(
            response.status >= 400 && response.status < 500,
            `${request.tamper}: status ${response.status}`,
          );
          assert.ok(
            EXPECTED[request.tamper].includes(type!),
            `${request.tamper} on ${request.target} got ${type}`,
          );
        }
      }),
      { numRuns: REQUESTS / BATCH },
    );
    assert.equal(storeDigest(server.dataDir), before, 'a forged request changed the store');
  });

  it('accepts the same requests when they are genuine (the forgeries were the only defect)', async () => {
    const host = new URL(server.url).host;
    for (const write of WRITES) {
      const signed = aws4.sign(
        {
          host,
          path: '/',
          method: 'POST',
          service: write.service,
          region: 'us-east-1',
          headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': write.target },
          body: write.body,
        },
        KEYS.admin,
      );
      const headers = Object.fromEntries(
        Object.entries(signed.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      delete headers['content-length'];
      const response = await rawPost(server.url, write.target, write.body, headers);
      assert.equal(response.status, 200, `${write.target}: ${response.text}`);
    }
  });
});
