/**
 * The SigV4 Authorization header as the server reads it: the form every SDK sends and the other
 * spellings SigV4 allows (no space after a comma, fields in another order, padding) give one answer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAuthorization } from '../src/protocol/authorization.js';
import { AwsError } from '../src/protocol/awsError.js';

const SIGNATURE = 'a'.repeat(64);
const expected = {
  accessKeyId: 'AKIAEXAMPLE',
  date: '20261129',
  region: 'eu-west-1',
  service: 'ssm',
  scope: '20261129/eu-west-1/ssm/aws4_request',
  signedHeaders: ['content-type', 'host', 'x-amz-date'],
  signature: SIGNATURE,
};

describe('Authorization header', () => {
  it('reads the usual form and every other accepted spelling alike', () => {
    const credential = 'Credential=AKIAEXAMPLE/20261129/eu-west-1/ssm/aws4_request';
    const signed = 'SignedHeaders=content-type;host;x-amz-date';
    const spellings = [
      `AWS4-HMAC-SHA256 ${credential}, ${signed}, Signature=${SIGNATURE}`,
      `AWS4-HMAC-SHA256 ${credential},${signed},Signature=${SIGNATURE}`,
      `  AWS4-HMAC-SHA256 ${credential} ,  ${signed} , Signature=${SIGNATURE}  `,
      `AWS4-HMAC-SHA256 Signature=${SIGNATURE}, ${signed}, ${credential}`,
    ];
    for (const header of spellings) assert.deepEqual(parseAuthorization(header), expected, header);
    assert.deepEqual(
      parseAuthorization(`AWS4-HMAC-SHA256 ${credential}, ${signed}, Signature=${'A'.repeat(64)}`),
      {
        ...expected,
        signature: 'A'.repeat(64),
      },
    );
  });

  it('refuses a five-part scope that is not one, whichever way it is spelled', () => {
    for (const credential of [
      'AKIAEXAMPLE/2026112/eu-west-1/ssm/aws4_request',
      'AKIAEXAMPLE/20261129/eu-west-1/ssm/aws4_reques',
      'AKIAEXAMPLE/20261129//ssm/aws4_request',
      'AKIAEXAMPLE/20261129/eu-west-1/ssm/extra/aws4_request',
    ]) {
      assert.throws(
        () =>
          parseAuthorization(
            `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host, Signature=${SIGNATURE}`,
          ),
        (error: unknown) => error instanceof AwsError && error.code === 'IncompleteSignatureException',
        credential,
      );
    }
  });

  it('accepts a credential exactly when it is five non-empty parts with an eight-digit date', () => {
    /** The rule as written down, by splitting: what the position-reading parser must agree with. */
    const isFivePartScope = (credential: string) => {
      const parts = credential.split('/');
      return (
        parts.length === 5 && parts[4] === 'aws4_request' && /^\d{8}$/.test(parts[1]!) && parts.every(Boolean)
      );
    };
    const piece = fc.constantFrom(
      '/',
      '20261129',
      '2026112',
      '202611290',
      'AKIA',
      'eu-west-1',
      'ssm',
      'aws4_request',
      'x',
      '',
    );
    // Free-form strings, and five parts that are each mostly well-formed, so that both answers turn up often.
    const joined = fc.array(piece, { maxLength: 9 }).map((pieces) => pieces.join(''));
    const part = (good: string, ...bad: string[]) =>
      fc.oneof(
        { arbitrary: fc.constant(good), weight: 4 },
        { arbitrary: fc.constantFrom(...bad), weight: 1 },
      );
    const fiveParts = fc
      .tuple(
        part('AKIA', '', 'A/B'),
        part('20261129', '2026112', '202611290', '2026112a', ''),
        part('eu-west-1', '', 'eu/west'),
        part('ssm', '', 's/t'),
        part('aws4_request', 'aws4_reques', 'aws4_request/', ''),
      )
      .map((parts) => parts.join('/'));
    const credentials = fc.oneof(joined, fiveParts);
    let accepted = 0;
    fc.assert(
      fc.property(credentials, (credential) => {
        const header = `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host, Signature=${SIGNATURE}`;
        let parsed: ReturnType<typeof parseAuthorization> | undefined;
        try {
          parsed = parseAuthorization(header);
        } catch (error) {
          if (!(error instanceof AwsError) || error.code !== 'IncompleteSignatureException') throw error;
        }
        assert.equal(parsed !== undefined, isFivePartScope(credential.trim()), credential);
        if (parsed) {
          accepted++;
          const [accessKeyId, date, region, service] = credential.split('/');
          assert.deepEqual(
            [parsed.accessKeyId, parsed.date, parsed.region, parsed.service, parsed.scope],
            [accessKeyId, date, region, service, credential.slice(accessKeyId!.length + 1)],
          );
        }
      }),
      { numRuns: 20_000 },
    );
    assert.ok(accepted > 100, `only ${accepted} well-formed credentials generated`);
  });
});
