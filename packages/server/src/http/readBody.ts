import type { IncomingMessage } from 'node:http';
import { AwsError } from '../protocol/awsError.js';

/** Reads a request body, refusing it as soon as it passes `limit` bytes. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    // A small body comes in one chunk, which is then the body itself: concat would copy it.
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const tooLarge = (limit: number): AwsError =>
  new AwsError('RequestEntityTooLargeException', `Request body must be at most ${limit} bytes.`, 413);
