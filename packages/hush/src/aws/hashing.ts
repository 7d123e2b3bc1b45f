/**
 * The hashes a SigV4 signature needs, from whichever implementation is cheaper at that moment.
 * The first signature of a process hashes in plain JavaScript (sha256.ts): loading `node:crypto`
 * would cost that cold start 4–6 ms, more than the signature itself. Every later signature uses
 * `node:crypto`, loaded then: JavaScript hashing still runs in V8's interpreter for a while, about
 * 0.6 ms a signature against 0.1 ms, which a cold start of several batches would feel.
 */
import { hmacSha256, sha256 } from './sha256.js';

export interface Hashing {
  /** SHA-256 of the UTF-8 bytes, as lower-case hex. */
  sha256Hex(data: string): string;
  hmac(key: string | Uint8Array, data: string): Uint8Array;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

export const javascriptHashing: Hashing = {
  sha256Hex: (data) => Buffer.from(sha256(utf8(data))).toString('hex'),
  hmac: (key, data) => hmacSha256(typeof key === 'string' ? utf8(key) : key, utf8(data)),
};

/** `node:crypto`, where Node can load it synchronously (20.16+, every Lambda Node.js 20 runtime). */
export function nodeCryptoHashing(): Hashing | undefined {
  const crypto = process.getBuiltinModule?.('node:crypto') as typeof import('node:crypto') | undefined;
  return (
    crypto && {
      sha256Hex: (data) => crypto.createHash('sha256').update(data).digest('hex'),
      hmac: (key, data) => crypto.createHmac('sha256', key).update(data).digest(),
    }
  );
}

let signatures = 0;
let nodeCrypto: Hashing | undefined;

/** The implementation for the next signature. */
export function hashingForNextSignature(): Hashing {
  if (signatures++ === 0) return javascriptHashing;
  nodeCrypto ??= nodeCryptoHashing() ?? javascriptHashing;
  return nodeCrypto;
}
