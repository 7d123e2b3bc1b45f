/**
 * HMAC-SHA256 (RFC 2104) over a key prepared once: the key's inner and outer pads are kept, and each
 * HMAC is two one-shot SHA-256 hashes. Strict mode computes one HMAC per request with a cached
 * signing key, and Node 20's `createHmac` sets up a new HMAC context on every call (about 3.5 µs,
 * against about 1.5 µs for the two hashes).
 */
import { sha256 } from './sha256.js';

const BLOCK_BYTES = 64;
const DIGEST_BYTES = 32;

/** A key's `K XOR ipad` and `K XOR opad` blocks. */
export interface HmacKey {
  readonly inner: Buffer;
  readonly outer: Buffer;
}

export function hmacKey(key: Buffer): HmacKey {
  const block = key.length > BLOCK_BYTES ? Buffer.from(sha256(key, 'binary'), 'latin1') : key;
  const inner = Buffer.alloc(BLOCK_BYTES, 0x36);
  const outer = Buffer.alloc(BLOCK_BYTES, 0x5c);
  for (let i = 0; i < block.length; i++) {
    inner[i]! ^= block[i]!;
    outer[i]! ^= block[i]!;
  }
  return { inner, outer };
}

/** The HMAC of `data` (UTF-8, as `Hmac.update` encodes a string), in lower-case hex. */
export function hmacSha256Hex(key: HmacKey, data: string): string {
  const message = Buffer.allocUnsafe(BLOCK_BYTES + Buffer.byteLength(data));
  key.inner.copy(message, 0);
  message.write(data, BLOCK_BYTES, 'utf8');
  const outerMessage = Buffer.allocUnsafe(BLOCK_BYTES + DIGEST_BYTES);
  key.outer.copy(outerMessage, 0);
  // The inner digest as 'binary' (latin1) text: a text result skips making a Buffer in C++, which
  // costs more than the hash of a short message.
  outerMessage.write(sha256(message, 'binary'), BLOCK_BYTES, 'latin1');
  return sha256(outerMessage, 'hex');
}
