import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { endAtTurnEnd } from '../src/http/endAtTurnEnd.js';

describe('endAtTurnEnd', () => {
  it('holds each answer until the end of the turn, then sends every one whole', async () => {
    const endedAtOnce: boolean[] = [];
    const server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      endAtTurnEnd(response, `answer to ${request.url}`);
      endedAtOnce.push(response.writableEnded);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const paths = Array.from({ length: 8 }, (_, i) => `/${i}`);
      const bodies = await Promise.all(
        paths.map(async (path) => (await fetch(`http://127.0.0.1:${port}${path}`)).text()),
      );
      assert.deepEqual(
        bodies,
        paths.map((path) => `answer to ${path}`),
      );
      assert.deepEqual(
        endedAtOnce,
        paths.map(() => false),
        'an answer was written before its turn ended',
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
