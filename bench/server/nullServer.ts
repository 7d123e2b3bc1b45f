/**
 * The do-nothing baseline: reads the body and answers `{}` as AWS JSON 1.1, with the same keep-alive
 * setting as `hush serve`. Prints its URL the way `hush serve` does, so the bench starts both alike.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const payload = '{}';
const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': payload.length,
      'x-amzn-requestid': 'null',
    });
    response.end(payload);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`null server listening on http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
