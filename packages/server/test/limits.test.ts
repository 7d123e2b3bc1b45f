import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import type { HushServe } from './support/hushServe.js';
import { useHushServe } from './support/useHushServe.js';

const authorization = (accessKey: string) =>
  `AWS4-HMAC-SHA256 Credential=${accessKey}/20260101/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

async function encryptWithBadInput(server: HushServe, accessKey: string): Promise<string> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'TrentService.Encrypt',
      authorization: authorization(accessKey),
    },
    body: '{}',
  });
  assert.equal(res.status, 400);
  return ((await res.json()) as { __type: string }).__type;
}

describe('rate limit per access key', () => {
  const server = useHushServe({ inMemory: true, args: ['--rate-limit', '5'] });

  it('throttles a key past its rate with ThrottlingException, leaving other keys alone', async () => {
    const noisy: string[] = [];
    for (let i = 0; i < 20; i++) noisy.push(await encryptWithBadInput(server, 'AKIANOISY'));
    assert.ok(noisy.includes('ThrottlingException'), 'the noisy key was never throttled');
    assert.equal(noisy[0], 'ValidationException', 'the first request must get through');
    assert.equal(await encryptWithBadInput(server, 'AKIAQUIET'), 'ValidationException');
  });

  it('lets a throttled key in again once its bucket refills', async () => {
    while ((await encryptWithBadInput(server, 'AKIAREFILL')) !== 'ThrottlingException') {
      // drain the bucket
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(await encryptWithBadInput(server, 'AKIAREFILL'), 'ValidationException');
  });
});

describe('connection limit', () => {
  const server = useHushServe({ inMemory: true, args: ['--max-connections', '2'] });

  const open = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
    });
  const closedByServer = (socket: Socket): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 1000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });

  it('refuses connections past the limit and accepts again when one closes', async () => {
    const first = await open();
    const second = await open();
    const third = await open();
    assert.equal(await closedByServer(third), true, 'the third connection should be dropped');
    first.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const fourth = await open();
    assert.equal(await closedByServer(fourth), false, 'a connection under the limit must stay open');
    second.destroy();
    fourth.destroy();
  });
});
