/**
 * The SigV4 Authorization header as the server reads it: the form every SDK sends and the other
 * spellings SigV4 allows (no space after a comma, fields in another order, padding) give one answer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAuthorization } from '../src/protocol/authorization.js';
import { AwsError } from '../src/protocol/awsError.js';

const SIGNATURE = 'a'.repeat(64);
const expected = {
  accessKeyId: 'AKIAEXAMPLE',
  date: '20261129',
  region: 'eu-west-1',
  service: 'ssm',
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
});
