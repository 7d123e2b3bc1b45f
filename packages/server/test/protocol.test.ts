import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { awsError, type HushServe } from './support/hushServe.js';
import { useHushServe } from './support/useHushServe.js';

const post = (server: HushServe, target: string, body: string, headers: Record<string, string> = {}) =>
  fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc',
      ...headers,
    },
    body,
  });

describe('AWS JSON 1.1 protocol', () => {
  const server = useHushServe({ inMemory: true });

  it('answers malformed JSON with SerializationException and a request id', async () => {
    const res = await post(server, 'TrentService.CreateKey', '{"Description": ');
    assert.equal(res.status, 400);
    assert.ok(res.headers.get('x-amzn-requestid'));
    assert.equal(res.headers.get('content-type'), 'application/x-amz-json-1.1');
    const body = (await res.json()) as { __type: string };
    assert.equal(body.__type, 'SerializationException');
  });

  it('answers an unknown target with UnknownOperationException', async () => {
    const res = await post(server, 'TrentService.MakeCoffee', '{}');
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { __type: string }).__type, 'UnknownOperationException');
  });

  it('refuses requests without authorization', async () => {
    const res = await post(server, 'TrentService.CreateKey', '{}', { authorization: '' });
    assert.equal(((await res.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
  });

  it('refuses an authorization header without a credential', async () => {
    const res = await post(server, 'TrentService.CreateKey', '{}', {
      authorization: 'AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc',
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { __type: string; message: string };
    assert.equal(body.__type, 'IncompleteSignatureException');
    assert.match(body.message, /requires 'Credential' parameter/);
  });

  it('refuses bodies over the size limit', async () => {
    const res = await post(
      server,
      'TrentService.CreateKey',
      JSON.stringify({ Description: 'x'.repeat(3 * 1024 * 1024) }),
    );
    assert.equal(res.status, 413);
  });

  it('takes the region from the credential scope', async () => {
    const res = await post(server, 'TrentService.CreateKey', '{}');
    const body = (await res.json()) as { KeyMetadata: { Arn: string } };
    assert.match(body.KeyMetadata.Arn, /^arn:aws:kms:eu-west-1:000000000000:key\//);
  });

  it('reports every validation failure in AWS wording, without echoing sensitive values', async () => {
    const kms = server.kms();
    const error = await awsError(() =>
      kms.send(new EncryptCommand({ KeyId: '', Plaintext: new Uint8Array(5000) })),
    );
    assert.equal(error.name, 'ValidationException');
    assert.equal(
      error.message,
      "2 validation errors detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
  });

  it('rejects members of the wrong type', async () => {
    const res = await post(server, 'TrentService.CreateKey', '{"Description": 42}');
    const body = (await res.json()) as { __type: string; message: string };
    assert.equal(body.__type, 'ValidationException');
    assert.match(body.message, /at 'description' failed to satisfy constraint: Member must be a string/);
  });

  it('serves real SDK clients', async () => {
    const out = await server.kms().send(new CreateKeyCommand({ Description: 'sdk' }));
    assert.equal(out.KeyMetadata?.Description, 'sdk');
  });
});
