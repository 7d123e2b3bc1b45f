/**
 * Whatever arrives, `hush serve` answers with a well-formed AWS error or a result: never a 5xx, a
 * hang or a crash. Phase one sends 100,000 requests that are wrong by construction — broken JSON,
 * non-object bodies, unknown targets, bad authorization, members of the wrong type, values outside
 * their constraints (huge and unicode ones among them), missing required members — and checks each gets its
 * 4xx and that the store is byte-for-byte unchanged. Phase two sends generated, plausible inputs to
 * every real operation and checks only that nothing answers 5xx.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Shape, StructureShape } from '../src/protocol/shape.js';
import { services } from '../src/server.js';
import { fakeAuthorization, type RawResponse, rawPost } from './support/rawClient.js';
import { storeDigest } from './support/storeDigest.js';
import { useHushServe } from './support/useHushServe.js';

interface FuzzRequest {
  target: string;
  body: string;
  headers?: Record<string, string>;
  /** The error codes this request may get; undefined = any non-5xx answer. */
  expect?: readonly string[];
}

const operations = services.flatMap((service) =>
  service.operations.map((operation) => ({
    target: `${service.targetPrefix}.${operation.name}`,
    input: operation.input,
  })),
);
const targets = new Set(operations.map((o) => o.target));
const BATCH = 50;

const anyText = fc.string({ maxLength: 64, unit: 'binary' });

/** A JSON value guaranteed not to have the type a shape requires. */
function wrongType(shape: Shape): fc.Arbitrary<unknown> {
  const all: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant([])),
    integer: fc.oneof(anyText, fc.boolean(), fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.constant({})),
    boolean: fc.oneof(anyText, fc.integer(), fc.constant([])),
    timestamp: fc.oneof(fc.boolean(), fc.constant({}), fc.constant([1])),
    blob: fc.oneof(fc.integer(), fc.boolean(), fc.constant('not base64 !'), fc.constant({})),
    list: fc.oneof(fc.constant({}), anyText, fc.integer()),
    map: fc.oneof(fc.constant([]), anyText, fc.integer()),
    structure: fc.oneof(fc.constant([]), anyText, fc.integer()),
  };
  return all[shape.kind]!;
}

/** A value of the right type that breaks one of the shape's documented constraints, if it has one. */
function outOfConstraint(shape: Shape): fc.Arbitrary<unknown> | undefined {
  if (shape.kind === 'string') {
    if (shape.max !== undefined) {
      // Huge and unicode: up to twice the limit plus change, in multi-byte characters.
      return fc.integer({ min: shape.max + 1, max: shape.max * 2 + 300 }).map((n) => 'ü'.repeat(n));
    }
    if (shape.enum) return anyText.filter((s) => !shape.enum!.includes(s));
    if (shape.min !== undefined && shape.min > 0) return fc.constant('');
  }
  if (shape.kind === 'integer') {
    if (shape.max !== undefined) return fc.integer({ min: shape.max + 1, max: shape.max + 1_000_000 });
    if (shape.min !== undefined) return fc.integer({ min: shape.min - 1_000_000, max: shape.min - 1 });
  }
  if (shape.kind === 'list' && shape.max !== undefined) {
    return fc.constant(Array.from({ length: shape.max + 1 }, () => null));
  }
  return undefined;
}

const validationFailures: fc.Arbitrary<FuzzRequest>[] = operations.flatMap(({ target, input }) => {
  const members = Object.entries((input as StructureShape).members);
  const service = target.startsWith('AmazonSSM')
    ? 'ssm'
    : target.startsWith('secretsmanager')
      ? 'secretsmanager'
      : 'kms';
  const headers = { authorization: fakeAuthorization('us-east-1', service) };
  const out: fc.Arbitrary<FuzzRequest>[] = [];
  for (const [name, shape] of members) {
    out.push(
      wrongType(shape).map((value) => ({
        target,
        headers,
        body: JSON.stringify({ [name]: value }),
        expect: ['ValidationException'],
      })),
    );
    const broken = outOfConstraint(shape);
    if (broken) {
      out.push(
        broken.map((value) => ({
          target,
          headers,
          body: JSON.stringify({ [name]: value }),
          expect: ['ValidationException'],
        })),
      );
    }
  }
  if (members.some(([, shape]) => shape.required)) {
    out.push(fc.constant({ target, headers, body: '{}', expect: ['ValidationException'] }));
  }
  return out;
});

const someTarget = fc.constantFrom(...targets);
const malformedJson = fc
  .oneof(
    anyText,
    fc.json().map((j) => j.slice(0, Math.max(1, j.length - 1))),
    fc.constant('{"a":'),
    fc.constant('{,}'),
  )
  .filter((text) => {
    if (text.trim() === '') return false;
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

const invalidRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      target: someTarget,
      body: malformedJson,
      expect: fc.constant(['SerializationException']),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      target: someTarget,
      body: fc.oneof(
        fc.constant('[]'),
        fc.constant('null'),
        fc.constant('42'),
        fc.constant('"text"'),
        fc.constant('true'),
      ),
      expect: fc.constant(['SerializationException']),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      target: fc
        .oneof(
          anyText,
          someTarget.map((t) => `${t}X`),
          fc.constant('AmazonSSM.'),
          fc.constant(''),
        )
        .filter((t) => !targets.has(t) && !/[\r\n\0]/.test(t) && /^[\x20-\x7e]*$/.test(t)),
      body: fc.constant('{}'),
      expect: fc.constant(['UnknownOperationException']),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      target: someTarget,
      body: fc.constant('{}'),
      headers: fc.oneof(
        fc.constant({}),
        fc.constant({ authorization: 'AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc' }),
        fc.constant({ authorization: 'Basic dXNlcjpwYXNz' }),
        fc.stringMatching(/^[A-Za-z0-9/]{0,20}$/).map((cred) => ({
          authorization: `AWS4-HMAC-SHA256 Credential=${cred}, SignedHeaders=host, Signature=abc`,
        })),
      ),
      expect: fc.constant(['MissingAuthenticationTokenException', 'IncompleteSignatureException']),
    }),
  },
  { weight: 12, arbitrary: fc.oneof(...validationFailures) },
);

function assertAwsShaped(request: FuzzRequest, response: RawResponse): void {
  const where = `${request.target} ${request.body.slice(0, 120)}`;
  assert.ok(response.status < 500, `5xx (${response.status}) for ${where}: ${response.text}`);
  assert.ok(response.headers['x-amzn-requestid'], `no request id for ${where}`);
  const body = JSON.parse(response.text) as { __type?: string; message?: unknown; Message?: unknown };
  if (response.status >= 400) {
    assert.equal(typeof body.__type, 'string', `no __type for ${where}`);
    // Secrets Manager names the member `Message`, as AWS does; the others `message`.
    assert.equal(typeof (body.message ?? body.Message), 'string', `no message for ${where}`);
  }
  if (request.expect) {
    assert.ok(response.status >= 400, `accepted a broken request: ${where}`);
    assert.ok(
      request.expect.includes(body.__type!),
      `${body.__type} instead of ${request.expect.join('/')} for ${where}`,
    );
  }
}

describe('hush serve under generated input', () => {
  const server = useHushServe();

  it('answers 100,000 broken requests with their AWS 4xx and writes nothing', async () => {
    const before = storeDigest(server.dataDir);
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(invalidRequest, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const responses = await Promise.all(
          batch.map((r) =>
            rawPost(server.url, r.target, r.body, r.headers ?? { authorization: fakeAuthorization() }),
          ),
        );
        sent += batch.length;
        for (const [i, request] of batch.entries()) assertAwsShaped(request, responses[i]!);
      }),
      { numRuns: 100_000 / BATCH },
    );
    assert.ok(sent >= 100_000, `only ${sent} requests were sent`);
    assert.equal(storeDigest(server.dataDir), before, 'a rejected request changed the store');
    assert.equal(server.process.exitCode, null, 'the server died');
  });

  it('never answers 5xx to generated input for any real operation', async () => {
    const plausible = fc.constantFrom(...operations).chain(({ target, input }) => {
      const members = Object.keys((input as StructureShape).members);
      const value = fc.oneof(
        anyText,
        fc.integer(),
        fc.boolean(),
        fc.constant('alias/aws/ssm'),
        fc.constant('/a/b'),
        fc.jsonValue({ maxDepth: 2 }),
      );
      return fc.dictionary(fc.constantFrom(...members, 'Unknown'), value, { maxKeys: 4 }).map((body) => ({
        target,
        body: JSON.stringify(body),
        headers: { authorization: fakeAuthorization() },
      }));
    });
    await fc.assert(
      fc.asyncProperty(fc.array(plausible, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const responses = await Promise.all(
          batch.map((r) => rawPost(server.url, r.target, r.body, r.headers)),
        );
        for (const [i, request] of batch.entries()) assertAwsShaped(request, responses[i]!);
      }),
      { numRuns: 400 },
    );
    assert.equal(server.process.exitCode, null, 'the server died');
  });
});
