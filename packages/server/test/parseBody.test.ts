/**
 * Request bodies: a JSON object or SerializationException; a read operation's small body is parsed
 * once per text, anything else every time.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBody } from '../src/http/parseBody.js';
import { AwsError } from '../src/protocol/awsError.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('parseBody', () => {
  it('gives a read the same object for the same text, and nothing kept to anything else', () => {
    const text = '{"SecretId":"kept/one"}';
    assert.equal(parseBody(bytes(text), true), parseBody(bytes(text), true));
    assert.deepEqual(parseBody(bytes(text), true), { SecretId: 'kept/one' });
    assert.notEqual(parseBody(bytes(text), false), parseBody(bytes(text), false));
    const large = JSON.stringify({ SecretId: 'x'.repeat(600) });
    assert.notEqual(
      parseBody(bytes(large), true),
      parseBody(bytes(large), true),
      'large bodies are not kept',
    );
    assert.deepEqual(parseBody(bytes(''), true), {});
  });

  it('answers anything but a JSON object with SerializationException, kept or not', () => {
    for (const text of ['{"a":', 'null', '[1]', '"text"', '42', '{"a":1}x']) {
      for (const keep of [true, false]) {
        assert.throws(
          () => parseBody(bytes(text), keep),
          (error: unknown) => error instanceof AwsError && error.code === 'SerializationException',
          text,
        );
      }
    }
  });
});
