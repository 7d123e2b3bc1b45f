/**
 * SHA-256 as text, through the one-shot `crypto.hash` where Node has it (20.12+): it skips a Hash
 * object per call, and verifying one SigV4 signature takes four (the body, the canonical request,
 * the HMAC's inner and outer hashes).
 */
import * as crypto from 'node:crypto';

export const sha256: (data: string | Buffer, encoding: 'hex' | 'binary') => string = crypto.hash
  ? (data, encoding) => crypto.hash('sha256', data, encoding)
  : (data, encoding) => crypto.createHash('sha256').update(data).digest(encoding);

export const sha256Hex = (data: string | Buffer): string => sha256(data, 'hex');
