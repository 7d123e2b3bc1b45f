import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hmacKey, hmacSha256Hex } from '../../src/auth/hmacSha256.js';

describe('hmacSha256Hex', () => {
  it('agrees with createHmac for keys shorter, as long as and longer than a block, and any text', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 130 }),
        fc.string({ unit: 'binary', maxLength: 600 }),
        (keyBytes, data) => {
          const key = Buffer.from(keyBytes);
          assert.equal(
            hmacSha256Hex(hmacKey(key), data),
            createHmac('sha256', key).update(data).digest('hex'),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives the RFC 4231 test case 2 value', () => {
    const key = hmacKey(Buffer.from('Jefe'));
    assert.equal(
      hmacSha256Hex(key, 'what do ya want for nothing?'),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});
