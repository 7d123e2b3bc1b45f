/**
 * The runtime's own SHA-256 and HMAC-SHA256 (signing only; see src/aws/sha256.ts for why not
 * node:crypto) against published vectors and against node:crypto on inputs around every block edge.
 */
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { hmacSha256, sha256 } from '../src/aws/sha256.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const text = (s: string) => Buffer.from(s, 'utf8');

describe('SHA-256 and HMAC-SHA256 in JavaScript', () => {
  it('gives the FIPS 180-4 example digests', () => {
    assert.equal(hex(sha256(text(''))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(
      hex(sha256(text('abc'))),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    assert.equal(
      hex(sha256(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))),
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    assert.equal(
      hex(sha256(text('a'.repeat(1_000_000)))),
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('gives the RFC 4231 HMAC-SHA256 results, a key longer than a block included', () => {
    assert.equal(
      hex(hmacSha256(Buffer.alloc(20, 0x0b), text('Hi There'))),
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    assert.equal(
      hex(hmacSha256(text('Jefe'), text('what do ya want for nothing?'))),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    assert.equal(
      hex(
        hmacSha256(Buffer.alloc(131, 0xaa), text('Test Using Larger Than Block-Size Key - Hash Key First')),
      ),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('agrees with node:crypto for every length from 0 to 300 bytes and keys of 0 to 200', () => {
    for (let length = 0; length <= 300; length++) {
      const data = randomBytes(length);
      const key = randomBytes(length % 201);
      assert.equal(hex(sha256(data)), createHash('sha256').update(data).digest('hex'), `length ${length}`);
      assert.equal(
        hex(hmacSha256(key, data)),
        createHmac('sha256', key).update(data).digest('hex'),
        `length ${length}, key ${key.length}`,
      );
    }
  });

  it('leaves its inputs as they were', () => {
    const data = randomBytes(100);
    const key = randomBytes(100);
    const [dataCopy, keyCopy] = [Buffer.from(data), Buffer.from(key)];
    hmacSha256(key, data);
    sha256(data);
    assert.deepEqual([data, key], [dataCopy, keyCopy]);
  });
});

describe('which hashing signs', () => {
  it('the first signature of a process hashes in JavaScript, the later ones with node:crypto', async () => {
    // A fresh copy of the module: its count of signatures starts at zero.
    const fresh = (await import(
      `../src/aws/hashing.js?fresh=${Date.now()}`
    )) as typeof import('../src/aws/hashing.js');
    assert.equal(fresh.hashingForNextSignature(), fresh.javascriptHashing);
    const later = fresh.hashingForNextSignature();
    assert.notEqual(later, fresh.javascriptHashing);
    assert.equal(fresh.hashingForNextSignature(), later, 'loaded once');
    assert.equal(later.sha256Hex('abc'), fresh.javascriptHashing.sha256Hex('abc'));
    assert.deepEqual(
      Buffer.from(later.hmac('k', 'abc')),
      Buffer.from(fresh.javascriptHashing.hmac('k', 'abc')),
    );
  });
});
