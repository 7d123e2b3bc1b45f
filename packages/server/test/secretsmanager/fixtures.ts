/** Helpers shared by the Secrets Manager tests. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { awsError, type HushServe } from '../support/hushServe.js';
import { storeDigest } from '../support/storeDigest.js';

export const token = (n: number | string): string =>
  `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;

/** Runs `fn`, which must fail with `code`, and proves the store did not change. */
export async function failsWithoutChange(
  server: HushServe,
  code: string,
  fn: () => Promise<unknown>,
): Promise<{ name: string; message: string; status: number | undefined }> {
  const before = storeDigest(server.dataDir);
  const error = await awsError(fn);
  assert.equal(error.name, code, error.message);
  assert.equal(error.status, 400);
  assert.equal(storeDigest(server.dataDir), before, 'a failed request changed the store');
  return error;
}

function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

/** No value in plaintext (UTF-8, UTF-16 or base64) in any file under the data dir, or in the output. */
export function assertNoPlaintext(server: HushServe, values: readonly string[]): void {
  const files = filesUnder(server.dataDir);
  assert.ok(files.some((f) => f.path.endsWith('hush.db')));
  for (const { path, bytes } of files) {
    for (const value of values) {
      for (const encoded of [
        Buffer.from(value, 'utf8'),
        Buffer.from(value, 'utf16le'),
        Buffer.from(Buffer.from(value).toString('base64')),
      ]) {
        assert.equal(bytes.includes(encoded), false, `a secret value is in plaintext in ${path}`);
      }
    }
  }
  for (const value of values) assert.ok(!server.output().includes(value), 'a secret value was printed');
}

/** A raw signed-shape request (the SDK always adds a ClientRequestToken; AWS's answer without one). */
export async function rawCall(server: HushServe, operation: string, body: unknown, region = 'us-east-1') {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `secretsmanager.${operation}`,
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAHUSHTEST/20260101/${region}/secretsmanager/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
