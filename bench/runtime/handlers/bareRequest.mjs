// What any library's first value costs at least: one GetParameters written by hand over node:net to
// hush serve in default mode, which checks no signature (so none is computed), and the value read
// straight out of the answer. No library, no signing, no cache: the cold start under every peer's.
const net = process.getBuiltinModule('node:net');
const url = new URL(process.env.AWS_ENDPOINT_URL);
const body = JSON.stringify({ Names: ['/bench/p00'], WithDecryption: true });
const head = [
  'POST / HTTP/1.1',
  `Host: ${url.host}`,
  'Content-Type: application/x-amz-json-1.1',
  'X-Amz-Target: AmazonSSM.GetParameters',
  'X-Amz-Date: 20260101T000000Z',
  `Authorization: AWS4-HMAC-SHA256 Credential=AKIDBARE/20260101/${process.env.AWS_REGION}/ssm/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
  `Content-Length: ${Buffer.byteLength(body)}`,
];

const value = new Promise((resolve, reject) => {
  const socket = net.connect(Number(url.port), url.hostname);
  let answer = Buffer.alloc(0);
  socket.on('error', reject);
  socket.on('data', (chunk) => {
    answer = Buffer.concat([answer, chunk]);
    const headEnd = answer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const length = Number(/content-length: *(\d+)/i.exec(answer.toString('latin1', 0, headEnd))?.[1]);
    if (answer.length < headEnd + 4 + length) return;
    socket.destroy();
    resolve(JSON.parse(answer.toString('utf8', headEnd + 4, headEnd + 4 + length)).Parameters[0].Value);
  });
  socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
});

export const handler = () => value;
